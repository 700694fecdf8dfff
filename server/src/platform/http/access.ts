import type { Action } from '@oscc/contract';
import type { Principal } from '../authorization/scope.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

/**
 * Every route says who may call it, in its `config.access`:
 *  - `{ public: true }`    — anyone, signed in or not (say why in the route);
 *  - `{ signedIn: true }`  — any signed-in person (add `duringEnrolment: true`
 *                            for the few routes a person who must still set up
 *                            two-step verification may use);
 *  - `{ action: 'x.y' }`   — a signed-in person whose roles grant the action.
 * A route that says nothing does not boot: the server refuses to register it.
 * That is deny by default, checked when the app is built and by a test.
 */
export type RouteAccess = { public: true } | { signedIn: true; duringEnrolment?: true } | { action: Action };

export interface Actor extends Principal {
  sessionTokenHash: string;
  /** Actions the actor holds at least one rule for (the route-level check); records are checked by scope. */
  permissions: ReadonlySet<Action>;
  /** 'enrolment_required': the role needs two-factor sign-in and the person has not set it up yet. */
  secondFactor: 'not_required' | 'verified' | 'enrolment_required';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Routes mounted by third-party plugins that serve public assets only. */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs'];

export interface RouteRecord {
  method: string | string[];
  url: string;
  access: RouteAccess | undefined;
}

export class RouteWithoutAccessError extends Error {
  constructor(method: string | string[], url: string) {
    super(`Route ${String(method)} ${url} declares no access rule (config.access); every route must.`);
    this.name = 'RouteWithoutAccessError';
  }
}

/**
 * Installs deny-by-default access control. `resolveActor` turns a request
 * (its session cookie) into an actor or null.
 */
export function registerAccessControl(
  app: FastifyInstance,
  resolveActor: (request: FastifyRequest) => Promise<Actor | null>,
  routes: RouteRecord[] = [],
): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (!config.access && PLUGIN_PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...route.config, access: { public: true } };
    } else if (!config.access) {
      throw new RouteWithoutAccessError(route.method, route.url);
    }
    routes.push({ method: route.method, url: route.url, access: (route.config as { access?: RouteAccess }).access });
  });

  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!access) throw new AppError('FORBIDDEN', { internal: 'route without access rule' });
    // Public routes (static files, geography, sign-in) never look the session up: no database work they do not need.
    if ('public' in access) return;
    request.actor = await resolveActor(request);
    if (!request.actor) throw new AppError('SIGN_IN_REQUIRED');
    // A person whose role needs two-step verification may do nothing else until it is set up.
    if (request.actor.secondFactor === 'enrolment_required' && !('signedIn' in access && access.duringEnrolment)) {
      throw new AppError('SECOND_FACTOR_ENROLMENT_REQUIRED');
    }
    if ('action' in access && !request.actor.permissions.has(access.action)) {
      throw new AppError('FORBIDDEN');
    }
  });
}

/** For route handlers behind `signedIn` or `action`: the actor, guaranteed. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('SIGN_IN_REQUIRED');
  return request.actor;
}
