import type { PublicReportReceipt } from '@oscc/contract';
import { formatBuddhistDate } from '@oscc/contract';
import { Link } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';

/** The tracking code and PIN, large, once: the PIN is stored only as a hash and cannot be shown again. */
export function ReportReceipt({ receipt, onNewReport }: { receipt: PublicReportReceipt; onNewReport: () => void }) {
  const { language, t } = useLanguage();
  return (
    <div className="stack report-receipt">
      <dl className="receipt-codes">
        <div>
          <dt>{t('publicReport.trackingCode')}</dt>
          <dd className="receipt-code" data-testid="tracking-code">
            {receipt.trackingCode}
          </dd>
        </div>
        <div>
          <dt>{t('publicReport.pin')}</dt>
          <dd className="receipt-code" data-testid="pin">
            {receipt.pin}
          </dd>
        </div>
        <div>
          <dt>{t('publicReport.receivedAt')}</dt>
          <dd>
            <time dateTime={receipt.receivedAt}>{formatBuddhistDate(receipt.receivedAt, language, 'dateTime')}</time>
          </dd>
        </div>
      </dl>
      <p className="alert alert-warning receipt-warning">{t('publicReport.saveWarning')}</p>
      <p>
        <Link className="button button-primary button-block" to="/report/status">
          {t('publicReport.checkStatusLink')}
        </Link>
      </p>
      <p>
        <button type="button" className="button button-block" onClick={onNewReport}>
          {t('publicReport.newReport')}
        </button>
      </p>
    </div>
  );
}
