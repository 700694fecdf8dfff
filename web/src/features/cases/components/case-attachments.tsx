import { formatBuddhistDate, type CaseDetail } from '@oscc/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { useUploadAttachments } from '../api/cases.ts';
import {
  attachmentUrl,
  fileFormat,
  fileSize,
  isThumbnail,
  UPLOAD_ACCEPT,
  uploadProblems,
  type UploadProblem,
} from '../utils/case-view.ts';

/** Photos and documents of the case: photos as thumbnails, the rest as downloads; staff may add more. */
export function CaseAttachments({ detail }: { detail: CaseDetail }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const upload = useUploadAttachments(detail.id);
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  const [isMissing, setIsMissing] = useState(false);
  const [uploadedCount, setUploadedCount] = useState(0);
  const canUpload = detail.status !== 'merged';
  // Masked for this reader: the files (and their names) open only after breaking the glass.
  const isMasked = detail.disclosure.masked;

  function problemText(problem: UploadProblem): string {
    switch (problem.kind) {
      case 'count':
        return t('cases.attachments.problem.count', { max: problem.max });
      case 'tooLarge':
        return t('cases.attachments.problem.tooLarge', { name: problem.name, megabytes: problem.megabytes });
      case 'empty':
        return t('cases.attachments.problem.empty', { name: problem.name });
      case 'type':
        return t('cases.attachments.problem.type', { name: problem.name });
    }
  }

  // The server's own word on a refused file (its type read from the content, for one) is shown by the input.
  // The server names a refused file by its place in the upload ("files.1"); the reader knows it by its name.
  const serverProblems = Object.entries(fieldErrors(upload.error, language)).map(([path, message]) => {
    const index = /\.(\d+)$/.exec(path)?.[1];
    const name = index === undefined ? undefined : files[Number(index)]?.name;
    return name ? `${name}: ${message}` : message;
  });
  const shownProblems = [
    ...(isMissing ? [t('cases.attachments.problem.missing')] : []),
    ...problems.map(problemText),
    ...serverProblems,
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setUploadedCount(0);
    const found = uploadProblems(files);
    setProblems(found);
    setIsMissing(files.length === 0);
    if (files.length === 0 || found.length > 0) {
      input.current?.focus();
      return;
    }
    upload.mutate(files, {
      onSuccess: () => {
        setUploadedCount(files.length);
        setFiles([]);
        if (input.current) input.current.value = '';
      },
      onError: () => input.current?.focus(),
    });
  }

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('cases.attachments.heading', { count: detail.attachmentList.length })}
      </h2>
      {detail.attachmentList.length === 0 ? (
        <p className="muted">{t('cases.attachments.none')}</p>
      ) : (
        <>
          {isMasked ? <p className="muted">{t('privacy.case.attachmentsMasked')}</p> : null}
          <ul className="plain-list attachment-list">
            {detail.attachmentList.map((attachment) => {
              const name = attachment.fileName ?? t('cases.attachments.unnamed');
              return (
                <li key={attachment.id} className="attachment">
                  {isThumbnail(attachment.mediaType) && !isMasked ? (
                    <a href={attachmentUrl(detail.id, attachment.id, true)} target="_blank" rel="noopener">
                      <img
                        className="attachment-thumbnail"
                        src={attachmentUrl(detail.id, attachment.id, true)}
                        alt={t('cases.attachments.thumbnailAlt', { name })}
                      />
                    </a>
                  ) : (
                    <span className="attachment-icon" aria-hidden="true">
                      {fileFormat(attachment.mediaType)}
                    </span>
                  )}
                  <span className="attachment-text">
                    {isMasked ? (
                      <span className="attachment-masked-name">{name}</span>
                    ) : (
                      <a href={attachmentUrl(detail.id, attachment.id)} download={attachment.fileName ?? true}>
                        {t('cases.attachments.download', { name })}
                      </a>
                    )}
                    <span className="muted">
                      {fileSize(attachment.byteSize)} · {t(`cases.attachments.source.${attachment.source}`)} ·{' '}
                      {formatBuddhistDate(attachment.createdAt, language, 'dateTime')}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {canUpload ? (
        <form className="stack" onSubmit={handleSubmit} noValidate aria-label={t('cases.attachments.upload')}>
          <Field
            id={`${ids}-files`}
            label={t('cases.attachments.uploadLabel')}
            hint={t('cases.attachments.uploadHint')}
            error={shownProblems.length > 0 ? shownProblems.join(' · ') : null}
          >
            {({ describedBy, isInvalid }) => (
              <input
                ref={input}
                id={`${ids}-files`}
                name="files"
                type="file"
                multiple
                accept={UPLOAD_ACCEPT}
                aria-invalid={isInvalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => {
                  const chosen = [...(event.target.files ?? [])];
                  setFiles(chosen);
                  setProblems(uploadProblems(chosen));
                  setIsMissing(false);
                  setUploadedCount(0);
                  upload.reset();
                }}
              />
            )}
          </Field>
          {upload.error && serverProblems.length === 0 ? <ErrorMessage error={upload.error} /> : null}
          {uploadedCount > 0 ? (
            <div className="alert alert-success" role="status">
              <p>{t('cases.attachments.uploaded', { count: uploadedCount })}</p>
            </div>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button" disabled={upload.isPending}>
              {upload.isPending ? t('cases.attachments.uploading') : t('cases.attachments.upload')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
