// A labelled control whose help text (limits, formats) is its description, not part of its name:
// a screen reader says "Features, edit, 1–64" rather than reading the help as the label.
import type { ComponentChildren, JSX } from "preact";
import { useId } from "preact/hooks";

export function Field({ label, help, wide, children }: {
  label: ComponentChildren;
  help?: ComponentChildren;
  wide?: boolean;
  children: (control: { id: string; "aria-describedby"?: string }) => JSX.Element;
}) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div class={wide ? "field wide" : "field"}>
      <label for={id}>{label}</label>
      {children({ id, "aria-describedby": helpId })}
      {help && <small id={helpId}>{help}</small>}
    </div>
  );
}
