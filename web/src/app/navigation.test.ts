import { ACTIONS } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { th } from '../i18n/th.ts';
import { isAllowed, NAVIGATION, navigationFor } from './navigation.ts';

describe('navigationFor', () => {
  it('shows home, geography and the procedures to everyone signed in', () => {
    expect(navigationFor([]).map((item) => item.to)).toEqual(['/', '/geography', '/procedures']);
  });

  it('adds units and agencies for people who may read organisations', () => {
    expect(navigationFor(['organisations.read']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
    ]);
  });

  it('adds users for people who may read users', () => {
    expect(navigationFor(['organisations.read', 'users.read']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
      '/users',
    ]);
  });

  it('adds the audit trail for people who may read it', () => {
    expect(navigationFor(['organisations.read', 'users.read', 'audit.read']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
      '/users',
      '/audit',
      '/privacy',
    ]);
    expect(navigationFor(['audit.read']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/procedures',
      '/audit',
      '/privacy',
    ]);
  });

  it('adds roles and permissions for people who may manage them', () => {
    expect(navigationFor(['users.read', 'audit.read', 'roles.manage']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/procedures',
      '/users',
      '/audit',
      '/privacy',
      '/roles',
    ]);
    expect(navigationFor(['users.manage']).map((item) => item.to)).not.toContain('/roles');
  });

  it('puts the hotline console and the LINE / Facebook messages right after home for people who take contacts', () => {
    expect(navigationFor(['cases.intake', 'organisations.read']).map((item) => item.to)).toEqual([
      '/',
      '/intake',
      '/intake/messages',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
    ]);
    expect(navigationFor(['organisations.read']).map((item) => item.to)).not.toContain('/intake');
    expect(navigationFor(['organisations.read']).map((item) => item.to)).not.toContain('/intake/messages');
  });

  it('adds case screening, after the intake pages, only for people who may screen cases', () => {
    expect(navigationFor(['cases.intake', 'cases.read', 'cases.screen']).map((item) => item.to)).toEqual([
      '/',
      '/intake',
      '/intake/messages',
      '/cases/screening',
      '/geography',
      '/procedures',
    ]);
    expect(navigationFor(['cases.intake', 'cases.read']).map((item) => item.to)).not.toContain('/cases/screening');
  });

  it('adds the referral inbox, after case screening, for people who work cases', () => {
    expect(navigationFor(['cases.read', 'cases.screen', 'cases.work']).map((item) => item.to)).toEqual([
      '/',
      '/my-work',
      '/cases/screening',
      '/referrals',
      '/geography',
      '/procedures',
    ]);
    expect(navigationFor(['cases.read', 'cases.work']).map((item) => item.to)).toContain('/referrals');
    expect(navigationFor(['cases.read', 'cases.screen']).map((item) => item.to)).not.toContain('/referrals');
  });

  it('puts my work right after home for people who work cases or approve their closure, and for nobody else', () => {
    expect(navigationFor(['cases.read', 'cases.work']).map((item) => item.to)).toEqual([
      '/',
      '/my-work',
      '/referrals',
      '/geography',
      '/procedures',
    ]);
    expect(navigationFor(['cases.read', 'cases.approve']).map((item) => item.to)).toEqual([
      '/',
      '/my-work',
      '/geography',
      '/procedures',
    ]);
    expect(navigationFor(['cases.read', 'cases.screen', 'cases.intake']).map((item) => item.to)).not.toContain(
      '/my-work',
    );
  });

  it('adds the reports, after the referral inbox, for people who may read them, and for nobody else', () => {
    expect(navigationFor(['cases.read', 'cases.work', 'reports.read']).map((item) => item.to)).toEqual([
      '/',
      '/my-work',
      '/referrals',
      '/reports',
      '/geography',
      '/procedures',
    ]);
    expect(navigationFor(['organisations.read', 'reports.read', 'reports.export']).map((item) => item.to)).toEqual([
      '/',
      '/reports',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
    ]);
    expect(navigationFor(['cases.read', 'reports.export']).map((item) => item.to)).not.toContain('/reports');
  });

  it('shows an item that lists several actions to people allowed any one of them', () => {
    expect(isAllowed(undefined, [])).toBe(true);
    expect(isAllowed('cases.work', ['cases.work'])).toBe(true);
    expect(isAllowed(['cases.work', 'cases.approve'], ['cases.approve'])).toBe(true);
    expect(isAllowed(['cases.work', 'cases.approve'], ['cases.read'])).toBe(false);
    expect(isAllowed([], ['cases.read'])).toBe(false);
  });

  it('adds the problem types for people who may manage organisations, and the routing preview for readers', () => {
    const readers = navigationFor(['organisations.read']).map((item) => item.to);
    expect(readers).toContain('/routing');
    expect(readers).not.toContain('/problem-types');
    expect(navigationFor(['organisations.read', 'organisations.manage']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/units',
      '/agencies',
      '/problem-types',
      '/routing',
      '/procedures',
    ]);
  });

  it('adds the API docs, as a plain link, for people who may read system configuration', () => {
    const items = navigationFor(['organisations.read', 'users.read', 'system.jobs.read', 'system.config.read']);
    expect(items.map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/units',
      '/agencies',
      '/routing',
      '/procedures',
      '/users',
      '/api/docs',
    ]);
    expect(items.at(-1)?.external).toBe(true);
  });

  it('shows the procedures to everyone signed in, after the routing preview', () => {
    expect(navigationFor([]).map((item) => item.label)).toContain('nav.procedures');
    const admin = navigationFor(['organisations.read', 'procedures.manage']).map((item) => item.to);
    expect(admin.indexOf('/procedures')).toBe(admin.indexOf('/routing') + 1);
    expect(NAVIGATION.find((item) => item.to === '/procedures')?.requires).toBeUndefined();
  });

  it('adds the alarm deliveries, after the procedures, only for people who manage alarms', () => {
    expect(navigationFor(['alarms.manage', 'users.read']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/procedures',
      '/alarm-deliveries',
      '/users',
    ]);
    expect(navigationFor(['cases.read', 'cases.work']).map((item) => item.to)).not.toContain('/alarm-deliveries');
  });

  it('adds the privacy pages, after the audit trail, for data protection officers and for auditors only', () => {
    expect(navigationFor(['privacy.manage']).map((item) => item.to)).toEqual([
      '/',
      '/geography',
      '/procedures',
      '/privacy',
    ]);
    expect(navigationFor(['audit.read']).map((item) => item.to)).toContain('/privacy');
    expect(navigationFor(['cases.read', 'cases.work', 'reports.read']).map((item) => item.to)).not.toContain(
      '/privacy',
    );
  });

  it('labels every item from the dictionary and gates only on actions the contract knows', () => {
    for (const item of NAVIGATION) {
      const [group, key] = item.label.split('.') as ['nav', keyof typeof th.nav];
      expect(th[group][key], item.label).toBeTypeOf('string');
      for (const action of typeof item.requires === 'string' ? [item.requires] : (item.requires ?? []))
        expect(ACTIONS).toContain(action);
    }
  });
});
