// The limits of a form's fields, as the API documents them (its schema's input descriptions),
// so the form says "1–64" before the server has to.
import { account } from "../../client/index.ts";
import { api } from "../session.ts";
import { useQuery } from "./use-query.ts";

export function useInputLimits(...types: string[]): Record<string, string> {
  const { data } = useQuery(async () => {
    const answers = await Promise.all(types.map((type) => api.request(account.InputLimits, { type })));
    const limits: Record<string, string> = {};
    answers.forEach((answer, i) => {
      // gql.tada types the schema's own fields, not introspection's __Type: its shape is the spec's.
      const type = answer.__type as { inputFields?: { name: string; description: string | null }[] } | null;
      for (const field of type?.inputFields ?? []) if (field.description) limits[`${types[i]}.${field.name}`] = field.description;
    });
    return limits;
  }, [types.join()]);
  return data ?? {};
}
