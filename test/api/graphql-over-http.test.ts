// The GraphQL-over-HTTP spec audit from `graphql-http` against our real endpoint: every MUST passes.
import { describe, expect, inject, it } from "vitest";
import { serverAudits } from "graphql-http";

describe("GraphQL-over-HTTP audit (graphql-http serverAudits)", () => {
  const audits = serverAudits({ url: () => inject("graphqlUrl") });
  const outcomes: { name: string; status: string; reason?: string }[] = [];

  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      outcomes.push({ name: audit.name, status: result.status, reason: "reason" in result ? result.reason : undefined });
      if (audit.name.startsWith("MUST")) expect(result.status, "reason" in result ? result.reason : "").toBe("ok");
    });
  }

  it("summary", () => {
    const count = (status: string) => outcomes.filter((o) => o.status === status).length;
    const notOk = outcomes.filter((o) => o.status !== "ok").map((o) => `  ${o.status}: ${o.name} (${o.reason})`);
    console.log(`graphql-http audit: ${count("ok")}/${outcomes.length} ok, ${count("warn")} warn, ${count("notice")} notice, ${count("error")} error\n${notOk.join("\n")}`);
    expect(count("error")).toBe(0);
    expect(outcomes.length).toBe(audits.length);
  });
});
