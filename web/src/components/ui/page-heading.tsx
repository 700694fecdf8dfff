import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

interface PageHeadingProps {
  title: string;
  intro?: ReactNode;
}

/**
 * The page's one h1. It can take focus (tabIndex -1) so the shell can move
 * focus here after a navigation, as a screen reader would expect.
 */
export function PageHeading({ title, intro }: PageHeadingProps) {
  useDocumentTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {intro ? <p className="page-intro">{intro}</p> : null}
    </div>
  );
}
