import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/ui/loading.tsx';
import { NotFoundRoute } from './routes/errors.tsx';
import { HomeRoute } from './routes/home.tsx';
import { RequireSession, TWO_STEP_SETUP_PATH } from './routes/require-session.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

/**
 * A page loaded only when it is first opened: the sign-in and home pages come
 * with the app, the admin pages (tables, forms, imports) follow on demand, so
 * a field officer on a phone downloads what the first screen needs.
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => ({ Component: pick(await load()) });
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInRoute /> },
    {
      path: '/forgot-password',
      lazy: page(
        () => import('./routes/forgot-password.tsx'),
        (m) => m.ForgotPasswordRoute,
      ),
      hydrateFallbackElement: <Loading />,
    },
    {
      path: '/report',
      lazy: page(
        () => import('./routes/public-report.tsx'),
        (m) => m.PublicReportRoute,
      ),
      hydrateFallbackElement: <Loading />,
    },
    {
      path: '/report/status',
      lazy: page(
        () => import('./routes/public-report.tsx'),
        (m) => m.PublicReportStatusRoute,
      ),
      hydrateFallbackElement: <Loading />,
    },
    {
      path: '/set-password',
      lazy: page(
        () => import('./routes/set-password.tsx'),
        (m) => m.SetPasswordRoute,
      ),
      hydrateFallbackElement: <Loading />,
    },
    {
      path: TWO_STEP_SETUP_PATH,
      lazy: page(
        () => import('./routes/two-step-setup.tsx'),
        (m) => m.TwoStepSetupRoute,
      ),
      hydrateFallbackElement: <Loading />,
    },
    {
      path: '/',
      element: <RequireSession />,
      hydrateFallbackElement: <Loading />,
      children: [
        { index: true, element: <HomeRoute /> },
        {
          path: 'intake',
          lazy: page(
            () => import('./routes/intake.tsx'),
            (m) => m.IntakeRoute,
          ),
        },
        {
          path: 'intake/messages',
          lazy: page(
            () => import('./routes/intake.tsx'),
            (m) => m.IntakeMessagesRoute,
          ),
        },
        {
          path: 'cases/screening',
          lazy: page(
            () => import('./routes/cases.tsx'),
            (m) => m.CaseScreeningRoute,
          ),
        },
        {
          path: 'cases/:id',
          lazy: page(
            () => import('./routes/cases.tsx'),
            (m) => m.CaseRoute,
          ),
        },
        {
          path: 'holidays',
          lazy: page(
            () => import('./routes/holidays.tsx'),
            (m) => m.HolidaysRoute,
          ),
        },
        {
          path: 'my-work',
          lazy: page(
            () => import('./routes/my-work.tsx'),
            (m) => m.MyWorkRoute,
          ),
        },
        {
          path: 'alarms',
          lazy: page(
            () => import('./routes/alarms.tsx'),
            (m) => m.AlarmsRoute,
          ),
        },
        {
          path: 'alarm-deliveries',
          lazy: page(
            () => import('./routes/alarms.tsx'),
            (m) => m.AlarmDeliveriesRoute,
          ),
        },
        {
          path: 'alarm-ladder',
          lazy: page(
            () => import('./routes/alarms.tsx'),
            (m) => m.AlarmLadderRoute,
          ),
        },
        {
          path: 'reports',
          lazy: page(
            () => import('./routes/reports.tsx'),
            (m) => m.ReportsDashboardRoute,
          ),
        },
        {
          path: 'reports/cases',
          lazy: page(
            () => import('./routes/reports.tsx'),
            (m) => m.ReportCasesRoute,
          ),
        },
        {
          path: 'reports/standard',
          lazy: page(
            () => import('./routes/reports.tsx'),
            (m) => m.StandardReportsRoute,
          ),
        },
        {
          path: 'reports/subscriptions',
          lazy: page(
            () => import('./routes/reports.tsx'),
            (m) => m.ReportSubscriptionsRoute,
          ),
        },
        {
          path: 'referrals',
          lazy: page(
            () => import('./routes/referrals.tsx'),
            (m) => m.ReferralsRoute,
          ),
        },
        {
          path: 'geography',
          lazy: page(
            () => import('./routes/geography.tsx'),
            (m) => m.GeographyRoute,
          ),
        },
        {
          path: 'units',
          lazy: page(
            () => import('./routes/units.tsx'),
            (m) => m.UnitsRoute,
          ),
        },
        {
          path: 'units/new',
          lazy: page(
            () => import('./routes/unit.tsx'),
            (m) => m.NewUnitRoute,
          ),
        },
        {
          path: 'units/import',
          lazy: page(
            () => import('./routes/units.tsx'),
            (m) => m.ImportUnitsRoute,
          ),
        },
        {
          path: 'units/:id',
          lazy: page(
            () => import('./routes/unit.tsx'),
            (m) => m.UnitRoute,
          ),
        },
        {
          path: 'units/:id/edit',
          lazy: page(
            () => import('./routes/unit.tsx'),
            (m) => m.EditUnitRoute,
          ),
        },
        {
          path: 'agencies',
          lazy: page(
            () => import('./routes/agencies.tsx'),
            (m) => m.AgenciesRoute,
          ),
        },
        {
          path: 'problem-types',
          lazy: page(
            () => import('./routes/problem-types.tsx'),
            (m) => m.ProblemTypesRoute,
          ),
        },
        {
          path: 'routing',
          lazy: page(
            () => import('./routes/routing.tsx'),
            (m) => m.RoutingRoute,
          ),
        },
        {
          path: 'procedures',
          lazy: page(
            () => import('./routes/procedures.tsx'),
            (m) => m.ProceduresRoute,
          ),
        },
        {
          path: 'users',
          lazy: page(
            () => import('./routes/users.tsx'),
            (m) => m.UsersRoute,
          ),
        },
        {
          path: 'users/new',
          lazy: page(
            () => import('./routes/users.tsx'),
            (m) => m.NewUserRoute,
          ),
        },
        {
          path: 'users/import',
          lazy: page(
            () => import('./routes/users.tsx'),
            (m) => m.ImportUsersRoute,
          ),
        },
        {
          path: 'users/:id',
          lazy: page(
            () => import('./routes/users.tsx'),
            (m) => m.UserRoute,
          ),
        },
        {
          path: 'audit',
          lazy: page(
            () => import('./routes/audit.tsx'),
            (m) => m.AuditRoute,
          ),
        },
        {
          path: 'privacy',
          lazy: page(
            () => import('./routes/privacy.tsx'),
            (m) => m.PrivacyRoute,
          ),
        },
        {
          path: 'privacy/requests',
          lazy: page(
            () => import('./routes/privacy.tsx'),
            (m) => m.PrivacyRequestsRoute,
          ),
        },
        {
          path: 'privacy/breaches',
          lazy: page(
            () => import('./routes/privacy.tsx'),
            (m) => m.PrivacyBreachesRoute,
          ),
        },
        {
          path: 'privacy/retention',
          lazy: page(
            () => import('./routes/privacy.tsx'),
            (m) => m.PrivacyRetentionRoute,
          ),
        },
        {
          path: 'privacy/reveals',
          lazy: page(
            () => import('./routes/privacy.tsx'),
            (m) => m.PrivacyRevealsRoute,
          ),
        },
        {
          path: 'roles',
          lazy: page(
            () => import('./routes/roles.tsx'),
            (m) => m.RolesRoute,
          ),
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
