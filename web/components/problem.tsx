// Shows what the API said was wrong, where, and what to do: a result union's error (with its
// issues, or a circuit's line and column), or a refused request (with when to retry).
import { RequestError, ResultError } from "../../client/index.ts";

export function ProblemView({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ResultError) {
    const { problem } = error;
    return (
      <div class="problem" role="alert">
        <strong>{problem.message}</strong>
        {problem.line != null && <div>At line {problem.line}, column {problem.column ?? 1}{problem.detail ? `: ${problem.detail}` : ""}</div>}
        {problem.issues && problem.issues.length > 0 && (
          <ul>
            {problem.issues.map((issue, i) => (
              <li key={i}><code>{issue.path.filter((part, at) => !(at === 0 && part === "input")).join(" › ")}</code>: {issue.message}</li>
            ))}
          </ul>
        )}
        {problem.totalIssues != null && problem.issues && problem.totalIssues > problem.issues.length && <div>…and {problem.totalIssues - problem.issues.length} more.</div>}
      </div>
    );
  }
  if (error instanceof RequestError) {
    return (
      <div class="problem" role="alert">
        <strong>{error.message}</strong>
        {error.retryAfterSeconds != null && <div>Try again in {error.retryAfterSeconds} s.</div>}
        {error.status === 401 && <div>Your key was not accepted: sign in again.</div>}
      </div>
    );
  }
  return (
    <div class="problem" role="alert">
      <strong>{error instanceof Error ? error.message : String(error)}</strong>
      {error instanceof TypeError && <div>The server did not answer. Is it still running (npm start)?</div>}
    </div>
  );
}
