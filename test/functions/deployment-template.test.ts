// `osls package` builds the deployment offline; the CloudFormation template must hold the six
// functions, the HTTP routes, the per-function sizes and the narrow invoke permission.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(() => {
  // The global setup has bundled dist/functions; package into a temp folder, offline.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-package-"));
  execFileSync(path.join(root, "node_modules/.bin/osls"), ["package", "--package", out], {
    cwd: root,
    env: { ...process.env, AWS_ACCESS_KEY_ID: "offline", AWS_SECRET_ACCESS_KEY: "offline" },
    stdio: "ignore",
  });
  resources = JSON.parse(fs.readFileSync(path.join(out, "cloudformation-template-update-stack.json"), "utf8")).Resources;
  for (const zip of ["graphql.zip", "trainBurst.zip", "fanout.zip", "cleanup.zip", "exportData.zip", "exportDownload.zip"]) expect(fs.statSync(path.join(out, zip)).size).toBeGreaterThan(0);
  // Each zip holds only what its function reaches: fanout carries no database client.
  expect(fs.statSync(path.join(out, "fanout.zip")).size).toBeLessThan(1_000_000);
  fs.rmSync(out, { recursive: true, force: true });
}, 60_000);

describe("the deployment template", () => {
  it("has the three functions with their sizes, timeouts and worker concurrency", () => {
    const fn = (id: string) => resources[id]!.Properties;
    expect(fn("GraphqlLambdaFunction")).toMatchObject({ Handler: "dist/functions/graphql.handler", MemorySize: 1024, Timeout: 29, Runtime: "nodejs20.x" });
    expect(fn("TrainBurstLambdaFunction")).toMatchObject({ Handler: "dist/functions/train-burst.handler", MemorySize: 1769, Timeout: 60, ReservedConcurrentExecutions: 10 });
    expect(fn("FanoutLambdaFunction")).toMatchObject({ Handler: "dist/functions/fanout.handler", MemorySize: 1769, Timeout: 60, ReservedConcurrentExecutions: 20 });
    expect(fn("GraphqlLambdaFunction").Environment.Variables).toMatchObject({ FANOUT_FUNCTION: "superpose-dev-fanout", TRAIN_BURST_FUNCTION: "superpose-dev-trainBurst" });
    expect(fn("CleanupLambdaFunction")).toMatchObject({ Handler: "dist/functions/cleanup.handler", Timeout: 300, ReservedConcurrentExecutions: 1 });
    expect(fn("ExportDataLambdaFunction")).toMatchObject({ Handler: "dist/functions/export-data.handler", Timeout: 300, ReservedConcurrentExecutions: 5 });
    expect(fn("ExportDownloadLambdaFunction")).toMatchObject({ Handler: "dist/functions/export-download.handler" });
  });

  it("describes a private export bucket (when EXPORT_BUCKET names one) whose objects expire after 7 days", () => {
    const bucket = resources.ExportsBucket!;
    expect(bucket).toMatchObject({ Type: "AWS::S3::Bucket", Condition: "HasExportBucket" });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ Status: "Enabled", ExpirationInDays: 7 });
    const access = resources.ExportsBucketAccess!;
    expect(access.Properties.PolicyDocument.Statement[0].Action).toEqual(["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]);
  });

  it("runs the cleanup every hour", () => {
    const rules = Object.values(resources).filter((r) => r.Type === "AWS::Events::Rule");
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(["rate(1 hour)"]);
    expect(JSON.stringify(rules[0]!.Properties.Targets)).toContain("CleanupLambdaFunction");
  });

  it("routes POST and GET /graphql to the API function, and GET /exports/{id} to the download", () => {
    const routes = Object.values(resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Route").map((r) => r.Properties.RouteKey).sort();
    expect(routes).toEqual(["GET /exports/{id}", "GET /graphql", "POST /graphql"]);
  });

  it("lets the functions invoke our three workers and nothing else", () => {
    const role = Object.values(resources).find((r) => r.Type === "AWS::IAM::Role")!;
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const invoke = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith("lambda:")));
    expect(invoke).toHaveLength(1);
    expect(invoke[0].Action).toEqual(["lambda:InvokeFunction"]);
    const targets = invoke[0].Resource.map((r: any) => r["Fn::Join"][1].at(-1));
    expect(targets).toEqual(["superpose-dev-fanout", "superpose-dev-trainBurst", "superpose-dev-exportData"]);
    // No GetAtt on our own functions: that would make the role and the functions a dependency cycle.
    expect(JSON.stringify(role)).not.toContain("LambdaFunction");
  });
});
