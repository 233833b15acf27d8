// The limits of a form's fields, as the API documents them (its schema's input descriptions),
// so the form says "1–64" before the server has to.
import { account } from "../../client/index.ts";
import { api } from "../session.ts";
import { useQuery } from "./use-query.ts";

type Descriptions = { name: string; description: string | null }[];

// The schema does not change while the page is open: each type is asked for once, however often
// a form mounts.
const asked = new Map<string, Promise<Descriptions>>();

function fieldDescriptions(type: string): Promise<Descriptions> {
  let answer = asked.get(type);
  if (!answer) {
    answer = api.request(account.InputLimits, { type }).then((result) => {
      // gql.tada types the schema's own fields, not introspection's __Type: its shape is the spec's.
      return (result.__type as { inputFields?: Descriptions } | null)?.inputFields ?? [];
    });
    answer.catch(() => asked.delete(type)); // a failed answer is asked again next time
    asked.set(type, answer);
  }
  return answer;
}

export function useInputLimits(...types: string[]): Record<string, string> {
  const { data } = useQuery(async () => {
    const answers = await Promise.all(types.map(fieldDescriptions));
    const limits: Record<string, string> = {};
    answers.forEach((fields, i) => {
      for (const field of fields) if (field.description) limits[`${types[i]}.${field.name}`] = field.description;
    });
    return limits;
  }, [types.join()]);
  return data ?? {};
}
