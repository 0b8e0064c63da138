import { ApiRequestError, errorMessage } from '../api/errors.js';

interface ErrorBannerProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Inline error for a failed query or mutation; shows the API's own message and code. */
export function ErrorBanner({ error, title = 'Something went wrong', onRetry }: ErrorBannerProps) {
  const code = error instanceof ApiRequestError ? error.code : null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <div className="error-text">
        <strong>{title}</strong>
        <p className="error-message">{errorMessage(error)}</p>
        {code ? <code className="error-code">{code}</code> : null}
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
