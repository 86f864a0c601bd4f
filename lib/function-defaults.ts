/**
 * Shared defaults for every demarche Lambda function: one place for the runtime, architecture,
 * bundling (the locally installed esbuild, never Docker), tracing, logging and the least-privilege
 * grants each function's wiring (lambdas/adapters/wiring.ts) asks for.
 */
import path from 'node:path';
import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { BUCKET_ENV_VAR, TABLES, type TableId } from '../lambdas/adapters/table-definitions';
import { FUNCTIONS, type FunctionDefinition, type FunctionName } from '../lambdas/adapters/wiring';
import type { EventStore } from './event-store';

/** The repository root: entries in wiring.ts are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** The Lambda runtime every function uses. */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/** The esbuild target matching RUNTIME. */
export const ESBUILD_TARGET = 'node22';

/**
 * NODE_OPTIONS of every function; bench:bundles loads bundles with the same. The bundles link their
 * source maps (`//# sourceMappingURL`), so Node maps the stack traces functions log back to the
 * TypeScript sources; it reads the map at every cold start (measured: see docs/deploy.md).
 */
export const NODE_OPTIONS = '--enable-source-maps';

/** Powertools metrics namespace for every function. */
export const METRICS_NAMESPACE = 'demarche';

/**
 * AWS SDK packages a function only ever reaches through a dynamic `import()`: the credential
 * providers the default chain tries after the environment (Lambda hands credentials over in
 * AWS_ACCESS_KEY_ID & co., so the chain stops at the first link) and the clients they use. They
 * stay outside the bundle and, should a chain ever get that far, load from the nodejs22.x
 * runtime's own AWS SDK v3 (its @aws-sdk and @smithy packages).
 */
export const RUNTIME_PROVIDED_MODULES: readonly string[] = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
];

/**
 * The SDK's event-stream support, which its HTTP protocol imports on demand for event-stream
 * operations (DynamoDB and KMS have none). Bundled, a module reached by a dynamic `import()` makes
 * esbuild wrap it and everything it imports (much of @smithy/core) in lazy initialisers, which V8
 * compiles eagerly: left out, the projector's start-up takes 12 % fewer instructions. Only the S3
 * client imports it statically, and no function loads that client at start (ingest reads objects
 * with lambdas/adapters/s3-object-reader.ts, the API loads the client on demand).
 */
const EVENT_STREAMS = '@smithy/core/event-streams';

/**
 * Per function, AWS SDK packages its code loads only on demand (a dynamic `import()` on the path
 * of the few requests that need them). Like RUNTIME_PROVIDED_MODULES they stay outside the bundle,
 * so the function's cold start does not compile them; the first such request loads them from the
 * runtime's AWS SDK instead (measured: see docs/deploy.md).
 */
export const ON_DEMAND_MODULES: Partial<Record<FunctionName, readonly string[]>> = {
  ingest: [EVENT_STREAMS],
  projector: [EVENT_STREAMS],
  notifier: [EVENT_STREAMS],
  deliverer: [EVENT_STREAMS],
  // The S3 client and presigner, on the API's first POST /uploads (lambdas/adapters/s3-upload-signer.ts).
  api: ['@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', EVENT_STREAMS],
};

/**
 * Bundling for a function: minified CommonJS with linked source maps (no sources content). The
 * AWS SDK clients it uses are bundled from their ES module builds (mainFields: module first), so
 * esbuild keeps only the commands and middleware it reaches, and a cold start compiles one file
 * instead of resolving
 * and compiling some forty SDK files from the runtime (measured: see docs/deploy.md); only
 * RUNTIME_PROVIDED_MODULES and the function's ON_DEMAND_MODULES stay external.
 */
export const bundlingFor = (name: FunctionName): BundlingOptions => ({
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  target: ESBUILD_TARGET,
  format: OutputFormat.CJS,
  mainFields: ['module', 'main'],
  externalModules: [...RUNTIME_PROVIDED_MODULES, ...(ON_DEMAND_MODULES[name] ?? [])],
});

/** The same bundling as esbuild build options, for benchmarks and tests that bundle a function outside CDK. */
export const esbuildOptions = (name: FunctionName, outfile: string, entryRoot: string = REPO_ROOT): BuildOptions => {
  const bundling = bundlingFor(name);
  return {
    entryPoints: [path.resolve(entryRoot, FUNCTIONS[name].entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: bundling.target,
    format: bundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    minify: bundling.minify,
    sourcemap: bundling.sourceMap ? (bundling.sourceMapMode === SourceMapMode.EXTERNAL ? 'external' : 'linked') : false,
    sourcesContent: bundling.sourcesContent,
    mainFields: bundling.mainFields,
    external: bundling.externalModules,
    logLevel: 'warning',
  };
};

/** Where the stack takes each function's code from. */
export interface FunctionCodeSource {
  /**
   * Root the wiring's entry paths are resolved against (default: the repository root); it must hold
   * a package-lock.json (and reach node_modules) like the repository does.
   */
  readonly entryRoot?: string;
  /**
   * Test-only: code to deploy instead of bundling the entry (skips esbuild), e.g. an inline stub.
   * The handler is then `index.handler`.
   */
  readonly stubCode?: (name: FunctionName) => lambda.Code;
}

/** The archive's storage a function may be granted access to. */
export interface ArchiveResources {
  readonly store: EventStore;
  readonly bucket: s3.IBucket;
}

/** Properties of a DemarcheFunction. */
export interface DemarcheFunctionProps extends FunctionCodeSource {
  readonly name: FunctionName;
  readonly archive: ArchiveResources;
  /** Extra environment variables (the wiring's tables and bucket are added automatically). */
  readonly environment?: Record<string, string>;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/**
 * One demarche function: NodejsFunction with the shared defaults, its own role (no AWS managed
 * policies: it may write only its own log group), and the table and bucket access its wiring names.
 */
export class DemarcheFunction extends Construct {
  /** The Lambda function. */
  readonly fn: lambda.Function;
  /** Its execution role. */
  readonly role: iam.Role;
  /** Its log group. */
  readonly logGroup: logs.LogGroup;
  /** The wiring entry it was built from. */
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: DemarcheFunctionProps) {
    super(scope, id);
    const definition: FunctionDefinition = FUNCTIONS[props.name];
    this.definition = definition;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `demarche ${props.name} function`,
    });
    // Explicit log permissions on its own log group instead of AWSLambdaBasicExecutionRole.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const environment: Record<string, string> = {
      NODE_OPTIONS,
      POWERTOOLS_SERVICE_NAME: props.name,
      POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...tableEnvironment(definition, props.archive.store),
      ...(definition.bucket ? { [BUCKET_ENV_VAR]: props.archive.bucket.bucketName } : {}),
      ...props.environment,
    };

    const stub = props.stubCode?.(props.name);
    // An alternative entry root (development against stand-in handlers) is a project of its own.
    const root = props.entryRoot ?? REPO_ROOT;
    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.resolve(root, definition.entry),
      ...(stub ? { code: stub, handler: 'index.handler' } : { handler: 'handler' }),
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMiB,
      timeout: Duration.seconds(definition.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      environment,
      bundling: bundlingFor(props.name),
    });

    grantTables(this.role, definition, props.archive.store);
    grantBucket(this.role, definition, props.archive.bucket);

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'demarche targets nodejs22.x deliberately (the runtime its bundles, Powertools and tests are built for); moving to a newer runtime is a tested change, not an automatic one.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only actions without resource-level permissions are on "*": xray:PutTraceSegments/PutTelemetryRecords (active tracing) and, for stream consumers, dynamodb:ListStreams (Lambda\'s stream poller); the test allow-lists exactly these.',
    });
  }
}

/** The environment variables naming the tables a function's wiring lists. */
const tableEnvironment = (definition: FunctionDefinition, store: EventStore): Record<string, string> =>
  Object.fromEntries(
    TABLES.filter((t) => definition.tables[t.id] !== undefined).map((t) => [t.envVar, store.tables[t.id].tableName]),
  );

/** grantReadData / grantReadWriteData per the wiring: covers the table and its indexes. */
const grantTables = (role: iam.Role, definition: FunctionDefinition, store: EventStore): void => {
  for (const [id, access] of Object.entries(definition.tables) as [TableId, 'read' | 'readwrite'][]) {
    const table = store.tables[id];
    if (access === 'readwrite') table.grantReadWriteData(role);
    else table.grantReadData(role);
    if (store.definitions[id].globalSecondaryIndexes.length > 0) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${store.logicalIdOf(id)}.Arn>/index/*]`,
        reason: `Queries on every index of the ${id} table (table/${id}/index/*), as grantReadData/grantReadWriteData produce; the table's indexes are the function's read paths.`,
      });
    }
  }
};

/**
 * S3 permissions per the wiring: GetObject to read (with ListBucket, so a deleted object answers
 * 404 NoSuchKey, which ingest treats as gone, instead of 403), PutObject alone for pre-signed uploads.
 */
const grantBucket = (role: iam.Role, definition: FunctionDefinition, bucket: s3.IBucket): void => {
  if (!definition.bucket) return;
  const actions = {
    read: ['s3:GetObject'],
    readwrite: ['s3:GetObject', 's3:PutObject'],
    'presign-put': ['s3:PutObject'],
  }[definition.bucket];
  role.addToPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
  if (definition.bucket !== 'presign-put') {
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  }
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId(bucket)}.Arn>/*]`,
    reason: `Transcript keys are not known in advance: ${actions.join(', ')} on any object of the transcripts bucket (object actions only).`,
  });
};

/** The logical id cdk-nag prints for the bucket's ARN in findings. */
const bucketLogicalId = (bucket: s3.IBucket): string => Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
