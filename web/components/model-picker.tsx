// Picks one of the models the caller may use (theirs and the shared ones), filtered by task.
import { models } from "../../client/index.ts";
import type { ModelSummary } from "../model-types.ts";
import { api } from "../session.ts";
import { Field } from "./field.tsx";
import { ProblemView } from "./problem.tsx";
import { useQuery } from "./use-query.ts";

export function useModels(accept: (model: ModelSummary) => boolean) {
  const list = useQuery(async () => (await api.request(models.Models, { first: 100 })).models.edges.map((e) => e.node));
  return { ...list, data: list.data?.filter(accept) };
}

export function ModelPicker({ models: choices, error, value, onChange, label }: { models: readonly ModelSummary[] | undefined; error: unknown; value: string | null; onChange: (id: string) => void; label: string }) {
  return (
    <>
      <Field label={label}>{(c) => (
        <select {...c} value={value ?? ""} onChange={(e) => onChange(e.currentTarget.value)}>
          {!value && <option value="">{choices?.length === 0 ? "no trained model yet: train one under Models" : "choose a model"}</option>}
          {choices?.map((m) => <option key={m.id} value={m.id}>{m.name}{m.shared ? " (shared)" : ""} · v{m.latestVersion?.number}</option>)}
        </select>
      )}</Field>
      <ProblemView error={error} />
    </>
  );
}
