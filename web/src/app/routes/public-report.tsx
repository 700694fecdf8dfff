import type { PublicReportReceipt } from '@oscc/contract';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PublicReportForm } from '../../features/public-report/components/public-report-form.tsx';
import { ReportReceipt } from '../../features/public-report/components/report-receipt.tsx';
import { ReportStatusForm } from '../../features/public-report/components/report-status.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { PublicPage } from './public-page.tsx';

/** /report: anyone may ask for help here, without an account; the receipt replaces the form once sent. */
export function PublicReportRoute() {
  const { t } = useLanguage();
  const [receipt, setReceipt] = useState<PublicReportReceipt | null>(null);

  useEffect(() => {
    // The page's heading becomes the receipt's: screen readers land on it, and a phone scrolls back up to it.
    if (receipt) {
      window.scrollTo(0, 0);
      document.getElementById('page-title')?.focus();
    }
  }, [receipt]);

  return (
    <PublicPage
      className="public-report-card"
      title={receipt ? t('publicReport.receiptTitle') : t('publicReport.title')}
      intro={receipt ? t('publicReport.receiptIntro') : t('publicReport.intro')}
      footer={
        <p className="form-link">
          {receipt ? null : (
            <>
              <Link to="/report/status">{t('publicReport.statusLink')}</Link>
              <br />
            </>
          )}
          <Link to="/sign-in">{t('publicReport.staffSignIn')}</Link>
        </p>
      }
    >
      {receipt ? (
        <ReportReceipt receipt={receipt} onNewReport={() => setReceipt(null)} />
      ) : (
        <PublicReportForm onSubmitted={setReceipt} />
      )}
    </PublicPage>
  );
}

/** /report/status: the stage of a report for its tracking code and PIN. */
export function PublicReportStatusRoute() {
  const { t } = useLanguage();
  return (
    <PublicPage
      className="public-report-card"
      title={t('publicReport.statusTitle')}
      intro={t('publicReport.statusIntro')}
      footer={
        <p className="form-link">
          <Link to="/report">{t('publicReport.reportLink')}</Link>
        </p>
      }
    >
      <ReportStatusForm />
    </PublicPage>
  );
}
