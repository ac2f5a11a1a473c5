import { useAudit } from '../../stores/audit-store';

/** The hash chain's verdict: intact in a calm status, broken in an alert that says where and why. */
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
          {`Verified: ${verdict.count.toLocaleString()} entries, chain intact.`}
        </p>
      )}
      {!verifying && verdict?.ok === false && (
        <p role="alert" className="chain-banner chain-broken" data-testid="chain-banner">
          {`Broken at entry ${verdict.firstBrokenId}: ${verdict.reason}. The ${verdict.count.toLocaleString()} entries before it verify. Keep this vault's files as they are and export the trail for investigation.`}
        </p>
      )}
    </div>
  );
}
