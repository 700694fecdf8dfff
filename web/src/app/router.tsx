import { createBrowserRouter } from 'react-router';
import { AgenciesRoute } from './routes/agencies.tsx';
import { AuditRoute } from './routes/audit.tsx';
import { NotFoundRoute } from './routes/errors.tsx';
import { ForgotPasswordRoute } from './routes/forgot-password.tsx';
import { GeographyRoute } from './routes/geography.tsx';
import { HomeRoute } from './routes/home.tsx';
import { RequireSession, TWO_STEP_SETUP_PATH } from './routes/require-session.tsx';
import { RolesRoute } from './routes/roles.tsx';
import { SetPasswordRoute } from './routes/set-password.tsx';
import { SignInRoute } from './routes/sign-in.tsx';
import { TwoStepSetupRoute } from './routes/two-step-setup.tsx';
import { EditUnitRoute, NewUnitRoute, UnitRoute } from './routes/unit.tsx';
import { ImportUnitsRoute, UnitsRoute } from './routes/units.tsx';
import { ImportUsersRoute, NewUserRoute, UserRoute, UsersRoute } from './routes/users.tsx';

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInRoute /> },
    { path: '/forgot-password', element: <ForgotPasswordRoute /> },
    { path: '/set-password', element: <SetPasswordRoute /> },
    { path: TWO_STEP_SETUP_PATH, element: <TwoStepSetupRoute /> },
    {
      path: '/',
      element: <RequireSession />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: 'geography', element: <GeographyRoute /> },
        { path: 'units', element: <UnitsRoute /> },
        { path: 'units/new', element: <NewUnitRoute /> },
        { path: 'units/import', element: <ImportUnitsRoute /> },
        { path: 'units/:id', element: <UnitRoute /> },
        { path: 'units/:id/edit', element: <EditUnitRoute /> },
        { path: 'agencies', element: <AgenciesRoute /> },
        { path: 'users', element: <UsersRoute /> },
        { path: 'users/new', element: <NewUserRoute /> },
        { path: 'users/import', element: <ImportUsersRoute /> },
        { path: 'users/:id', element: <UserRoute /> },
        { path: 'audit', element: <AuditRoute /> },
        { path: 'roles', element: <RolesRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
