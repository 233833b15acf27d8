// `osls package` builds the deployment offline; the CloudFormation template must hold the six
// functions, the HTTP routes, the per-function sizes and the narrow invoke permission.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
type Resources = Record<string, { Type: string; Condition?: string; Properties: Record<string, any> }>;
interface Template {
  Resources: Resources;
  Outputs: Record<string, { Value: unknown; Condition?: string }>;
}
let resources: Resources;

/** `osls package` into a temp folder, offline, with these stage parameters; returns the template (and the folder's zips to `check`). */
function packageTemplate(params: Record<string, string>, check: (out: string) => void = () => {}): Template {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-package-"));
  execFileSync(path.join(root, "node_modules/.bin/osls"), ["package", "--package", out, ...Object.entries(params).map(([k, v]) => `--param=${k}=${v}`)], {
    cwd: root,
    env: { ...process.env, AWS_ACCESS_KEY_ID: "offline", AWS_SECRET_ACCESS_KEY: "offline" },
    stdio: "ignore",
  });
  const template = JSON.parse(fs.readFileSync(path.join(out, "cloudformation-template-update-stack.json"), "utf8")) as Template;
  check(out);
  fs.rmSync(out, { recursive: true, force: true });
  return template;
}

beforeAll(() => {
  // The global setup has bundled dist/functions.
  resources = packageTemplate({}, checkZips).Resources;
}, 60_000);

function checkZips(out: string): void {
  for (const zip of ["graphql.zip", "trainBurst.zip", "fanout.zip", "cleanup.zip", "exportData.zip", "exportDownload.zip", "resumeTraining.zip"]) expect(fs.statSync(path.join(out, zip)).size).toBeGreaterThan(0);
  // Each zip holds only what its function reaches: fanout carries no database client.
  expect(fs.statSync(path.join(out, "fanout.zip")).size).toBeLessThan(1_000_000);
  // GraphiQL's inline assets (~9 MB, local runs only) stay out of the API's zip.
  expect(fs.statSync(path.join(out, "graphql.zip")).size).toBeLessThan(8_000_000);
}

describe("the deployment template", () => {
  it("has the three functions with their sizes, timeouts and worker concurrency", () => {
    const fn = (id: string) => resources[id]!.Properties;
    expect(fn("GraphqlLambdaFunction")).toMatchObject({ Handler: "dist/functions/graphql.handler", MemorySize: 1769, Timeout: 29, Runtime: "nodejs22.x" });
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

  it("runs the cleanup every hour, and the sweep for stalled training jobs every minute", () => {
    const rules = Object.values(resources).filter((r) => r.Type === "AWS::Events::Rule");
    const targets = Object.fromEntries(rules.map((r) => [r.Properties.ScheduleExpression, JSON.stringify(r.Properties.Targets)]));
    expect(Object.keys(targets).sort()).toEqual(["rate(1 hour)", "rate(1 minute)"]);
    expect(targets["rate(1 hour)"]).toContain("CleanupLambdaFunction");
    expect(targets["rate(1 minute)"]).toContain("ResumeTrainingLambdaFunction");
    expect(resources.ResumeTrainingLambdaFunction!.Properties).toMatchObject({ Handler: "dist/functions/resume-training.handler", ReservedConcurrentExecutions: 1 });
  });

  it("routes POST and GET /graphql to the API function, and GET /exports/{id} to the download", () => {
    const routes = Object.values(resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Route").map((r) => r.Properties.RouteKey).sort();
    expect(routes).toEqual(["GET /exports/{id}", "GET /graphql", "POST /graphql"]);
  });

  it("serves Superpose Studio from a private bucket through CloudFront, with the API on the same origin", () => {
    const bucket = resources.StudioBucket!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    // Only this distribution may read the bucket (Origin Access Control), nothing else and no one else.
    const statement = resources.StudioBucketPolicy!.Properties.PolicyDocument.Statement;
    expect(statement).toHaveLength(1);
    expect(statement[0]).toMatchObject({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject" });
    expect(JSON.stringify(statement[0].Condition)).toContain('{"Ref":"StudioDistribution"}');
    const config = resources.StudioDistribution!.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.Origins.map((o: { Id: string }) => o.Id)).toEqual(["studio", "api"]);
    expect(JSON.stringify(config.Origins[1].DomainName)).toContain('{"Ref":"HttpApi"}');
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: "studio", ViewerProtocolPolicy: "redirect-to-https" });
    // The API's paths, uncached (CachingDisabled), with every header but Host passed on (Authorization too).
    const api = Object.fromEntries(config.CacheBehaviors.map((b: { PathPattern: string }) => [b.PathPattern, b]));
    expect(Object.keys(api).sort()).toEqual(["/exports/*", "/graphql"]);
    for (const behaviour of Object.values(api)) expect(behaviour).toMatchObject({ TargetOriginId: "api", CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac" });
    expect(api["/graphql"].AllowedMethods).toContain("POST");
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

// The prod stage's parameters (its SSM values resolved; `osls package --stage prod` would fetch them).
const PROD = {
  databaseConnection: "proxy",
  databasePoolSize: "2",
  databaseSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:superpose-db",
  databaseInstanceId: "superpose-db",
  databaseSecurityGroupId: "sg-database",
  vpcId: "vpc-1",
  subnetIds: "subnet-a,subnet-b",
  lambdaSecurityGroupId: "sg-functions",
};
/** The functions that open database connections (fanout computes, exportDownload reads the export store). */
const DATABASE_FUNCTIONS = ["GraphqlLambdaFunction", "TrainBurstLambdaFunction", "ExportDataLambdaFunction", "CleanupLambdaFunction", "ResumeTrainingLambdaFunction"];

describe("the production database path: RDS Proxy and the connection budget", () => {
  let prod: Template;
  beforeAll(() => { prod = packageTemplate(PROD); }, 60_000);

  it("caps every database function's concurrency so that caps × pool size stay within the connection budget", () => {
    const budget = Number(prod.Outputs.DatabaseConnectionBudget!.Value);
    const fn = (id: string) => prod.Resources[id]!.Properties;
    const demand = DATABASE_FUNCTIONS.map((id) => {
      expect(fn(id).ReservedConcurrentExecutions, `${id} needs a concurrency cap`).toBeGreaterThan(0);
      return fn(id).ReservedConcurrentExecutions * Number(fn(id).Environment.Variables.DATABASE_POOL_SIZE);
    });
    expect(demand).toEqual([200, 20, 10, 2, 2]);
    // A new function cannot escape the budget: every function but these two opens connections.
    const functions = Object.entries(prod.Resources).filter(([, r]) => r.Type === "AWS::Lambda::Function").map(([id]) => id);
    expect(functions.filter((id) => !DATABASE_FUNCTIONS.includes(id)).sort()).toEqual(["ExportDownloadLambdaFunction", "FanoutLambdaFunction"]);
    expect(demand.reduce((a, b) => a + b)).toBeLessThanOrEqual(budget);
  });

  it("throttles at the gateway (429) below what the capped instances can serve", () => {
    expect(prod.Resources.HttpApiStage!.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 5000, ThrottlingBurstLimit: 1000 });
  });

  it("puts RDS Proxy in front of PostgreSQL: TLS, the database user's secret, 80 % of max_connections, in the VPC", () => {
    const r = prod.Resources;
    expect(r.DatabaseProxy).toMatchObject({ Type: "AWS::RDS::DBProxy", Condition: "HasDatabaseProxy" });
    expect(r.DatabaseProxy!.Properties).toMatchObject({
      EngineFamily: "POSTGRESQL",
      RequireTLS: true,
      Auth: [{ AuthScheme: "SECRETS", SecretArn: PROD.databaseSecretArn, IAMAuth: "DISABLED" }],
      VpcSubnetIds: { "Fn::Split": [",", "subnet-a,subnet-b"] },
    });
    expect(r.DatabaseProxyTargetGroup!.Properties).toMatchObject({ DBInstanceIdentifiers: ["superpose-db"], ConnectionPoolConfigurationInfo: { MaxConnectionsPercent: 80 } });
    // The proxy may read that one secret and nothing else.
    expect(r.DatabaseProxyRole!.Properties.Policies[0].PolicyDocument.Statement).toEqual([{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: PROD.databaseSecretArn }]);
    // Only the functions reach the proxy, and only the proxy is let into the database.
    expect(r.DatabaseProxySecurityGroup!.Properties.SecurityGroupIngress).toEqual([{ IpProtocol: "tcp", FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: "sg-functions" }]);
    expect(r.DatabaseIngressFromProxy!.Properties).toMatchObject({ GroupId: "sg-database", SourceSecurityGroupId: { Ref: "DatabaseProxySecurityGroup" } });
  });

  it("connects the database functions to the proxy from inside the VPC, with credentials resolved at deploy time", () => {
    for (const id of DATABASE_FUNCTIONS) {
      const properties = prod.Resources[id]!.Properties;
      expect(properties.VpcConfig["Fn::If"][1]).toEqual({ SecurityGroupIds: ["sg-functions"], SubnetIds: { "Fn::Split": [",", "subnet-a,subnet-b"] } });
      const env = properties.Environment.Variables;
      expect(env.DATABASE_URL).toEqual({ "Fn::Sub": "postgresql://${DatabaseProxy.Endpoint}:5432/superpose?sslmode=verify-full" });
      expect(env.PGPASSWORD).toBe(`{{resolve:secretsmanager:${PROD.databaseSecretArn}:SecretString:password}}`);
    }
    // fanout has no database and stays outside the VPC (no network interface to wait for).
    expect(prod.Resources.FanoutLambdaFunction!.Properties.VpcConfig).toBeUndefined();
  });

  it("has no proxy where the database is reached directly (local stages): a plain URL, no credentials in the template", () => {
    expect(resources.DatabaseProxy!.Condition).toBe("HasDatabaseProxy");
    const env = resources.GraphqlLambdaFunction!.Properties.Environment.Variables;
    expect(typeof env.DATABASE_URL).toBe("string");
    expect([env.PGUSER, env.PGPASSWORD]).toEqual(["", ""]);
    expect(JSON.stringify(resources)).not.toContain("resolve:secretsmanager");
  });
});
