import { useAudit } from '../../stores/audit-store';
import { chainVerdictText } from './chain-verdict-text';

/** The trail's verdict: intact in a calm status; rewritten or truncated in an alert that says where, why and what to do. */
export function ChainBanner() {
  const { verdict, verifying, verifyError, verify } = useAudit();
  return (
    <div className="chain-banner-row">
      <button type="button" className="secondary" onClick={() => void verify()} disabled={verifying}>
        Verify chain
      </button>
      {verifying && (
        <span role="status" className="busy-line">
          <progress aria-label="Verifying the audit chain" /> Verifying every entry…
        </span>
      )}
      {!verifying && verifyError && (
        <p role="alert" className="chain-banner chain-broken">
          {verifyError}
        </p>
      )}
      {!verifying && verdict?.ok === true && (
        <p role="status" className="chain-banner chain-intact" data-testid="chain-banner">
          {chainVerdictText(verdict)}
        </p>
      )}
      {!verifying && verdict?.ok === false && (
        <p role="alert" className="chain-banner chain-broken" data-testid="chain-banner">
          {chainVerdictText(verdict)}
        </p>
      )}
    </div>
  );
}
