import { createBrowserRouter } from 'react-router';
import { NotFoundRoute } from './routes/errors.tsx';
import { GeographyRoute } from './routes/geography.tsx';
import { HomeRoute } from './routes/home.tsx';
import { RequireSession } from './routes/require-session.tsx';
import { SignInRoute } from './routes/sign-in.tsx';
import { UnitsRoute } from './routes/units.tsx';

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInRoute /> },
    {
      path: '/',
      element: <RequireSession />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: 'geography', element: <GeographyRoute /> },
        { path: 'units', element: <UnitsRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
