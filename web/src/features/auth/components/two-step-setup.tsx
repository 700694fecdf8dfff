import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { groupSecret, svgDataUrl, useConfirmTotp, useStartTotpSetup } from '../api/two-step.ts';

interface TwoStepSetupProps {
  /** The first code was right: the recovery codes are about to be shown. */
  onConfirmed: () => void;
  /** After the recovery codes were shown: the caller reloads the session and opens the app. */
  onFinished: () => void;
  isFinishing: boolean;
}

/** Setting up the authenticator app: QR code (or the secret by hand), a first code, then the recovery codes once. */
export function TwoStepSetup({ onConfirmed, onFinished, isFinishing }: TwoStepSetupProps) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onFinished={onFinished} isFinishing={isFinishing} />;
  return (
    <Enrolment
      onConfirmed={(codes) => {
        setRecoveryCodes(codes);
        onConfirmed();
      }}
    />
  );
}

function Enrolment({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const { t } = useLanguage();
  const setup = useStartTotpSetup();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<'missing' | 'format' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const { mutate: startSetup } = setup;

  // One secret per visit of this page; StrictMode's double effect must not ask for two.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startSetup();
  }, [startSetup]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, '');
    const next = !digits ? 'missing' : /^\d{6}$/.test(digits) ? null : 'format';
    setProblem(next);
    if (next) {
      inputRef.current?.focus();
      return;
    }
    confirm.mutate(digits, {
      onSuccess: (answer) => onConfirmed(answer.recoveryCodes),
      onError: () => {
        setCode('');
        inputRef.current?.focus();
      },
    });
  }

  if (setup.error) {
    return (
      <div className="stack">
        <ErrorMessage error={setup.error} />
        <button type="button" className="button button-primary" onClick={() => startSetup()}>
          {t('errors.retry')}
        </button>
      </div>
    );
  }
  if (!setup.data) return <Loading />;

  const { secret, qrSvg } = setup.data;
  return (
    <div className="stack-lg">
      <ol className="steps">
        <li>
          <h2 className="card-title">{t('twoStep.step1Title')}</h2>
          <p>{t('twoStep.step1Body')}</p>
        </li>
        <li>
          <h2 className="card-title">{t('twoStep.step2Title')}</h2>
          <p>{t('twoStep.step2Body')}</p>
          <div className="qr-block">
            <img className="qr-code" src={svgDataUrl(qrSvg)} alt={t('twoStep.qrAlt')} width={200} height={200} />
            <div className="stack">
              <p className="muted">{t('twoStep.manualEntry')}</p>
              <p className="secret" aria-label={t('twoStep.secretLabel')} data-secret={secret}>
                {groupSecret(secret)}
              </p>
              <p className="muted">{t('twoStep.manualEntryDetails')}</p>
            </div>
          </div>
        </li>
        <li>
          <h2 className="card-title">{t('twoStep.step3Title')}</h2>
          <form className="stack" onSubmit={handleSubmit} noValidate>
            {confirm.error ? <ErrorMessage error={confirm.error} /> : null}
            <div className="field">
              <label htmlFor={`${ids}-code`}>{t('twoStep.codeLabel')}</label>
              <input
                ref={inputRef}
                id={`${ids}-code`}
                name="code"
                type="text"
                inputMode="numeric"
                className="input-code"
                autoComplete="one-time-code"
                maxLength={7}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                aria-invalid={problem !== null || undefined}
                aria-describedby={problem ? `${ids}-problem` : undefined}
              />
              {problem ? (
                <p id={`${ids}-problem`} className="field-error">
                  {problem === 'missing' ? t('twoStep.codeRequired') : t('twoStep.codeFormat')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button-primary" disabled={confirm.isPending}>
              {confirm.isPending ? t('twoStep.confirming') : t('twoStep.confirm')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}

interface RecoveryCodesProps {
  codes: string[];
  onFinished: () => void;
  isFinishing: boolean;
}

function RecoveryCodes({ codes, onFinished, isFinishing }: RecoveryCodesProps) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  // The page changed under the person's focus (the form is gone): say so by moving focus to the new heading.
  useEffect(() => headingRef.current?.focus(), []);

  async function copyCodes() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section className="stack" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1} className="card-title">
        {t('twoStep.recoveryTitle')}
      </h2>
      <div className="alert alert-warning">
        <p>{t('twoStep.recoveryWarning')}</p>
      </div>
      <ol className="recovery-codes" aria-label={t('twoStep.recoveryListLabel')}>
        {codes.map((code) => (
          <li key={code} className="code">
            {code}
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copyCodes()}>
          {t('twoStep.copy')}
        </button>
        <button type="button" className="button button-primary" onClick={onFinished} disabled={isFinishing}>
          {t('twoStep.continue')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? t('twoStep.copied') : copied === 'failed' ? t('twoStep.copyFailed') : ''}
      </p>
    </section>
  );
}
