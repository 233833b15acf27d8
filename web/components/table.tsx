// A table that scrolls sideways inside its card when the screen is narrower than it (a phone),
// and takes focus so keyboard users can scroll it too; its label names it for screen readers.
import type { ComponentChildren } from "preact";

export function Table({ label, testId, children }: { label: string; testId?: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table data-testid={testId}>{children}</table>
    </div>
  );
}
