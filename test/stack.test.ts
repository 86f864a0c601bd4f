import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnResource, Stack, Validations, type App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { TABLES, type TableId } from '../lambdas/adapters/table-definitions';
import { FUNCTIONS, type FunctionDefinition, type FunctionName } from '../lambdas/adapters/wiring';
import { ROUTES } from '../lambdas/api/routes';
import { CURSOR_SECRET_ENV_VAR } from '../lib/api';
import { buildApp } from '../lib/app';
import type { DemarcheStack } from '../lib/demarche-stack';
import { tableConstructId } from '../lib/event-store';
import { METRICS_NAMESPACE } from '../lib/function-defaults';
import { DELIVERY_FAILED_METRIC } from '../lib/monitoring';

type Json = Record<string, any>;

const NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const REPO = path.resolve(__dirname, '..');
const def = (name: FunctionName): FunctionDefinition => FUNCTIONS[name];

/** Actions AWS offers no resource-level permission for: the only ones allowed on Resource "*". */
const STAR_ALLOW_LIST = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams'];
const DYNAMO_WRITES = ['dynamodb:PutItem', 'dynamodb:TransactWriteItems', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

const outdirs: string[] = [];
const tempOutdir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'demarche-cdk-'));
  outdirs.push(dir);
  return dir;
};

let app: App;
let stack: DemarcheStack;
let template: Template;
let resources: Record<string, Json>;
let assembly: CloudAssembly;

beforeAll(() => {
  // Stub code: no esbuild here; one test below bundles the real handlers.
  ({ app, stack } = buildApp({
    app: { outdir: tempOutdir() },
    stack: { stubCode: (name) => lambda.Code.fromInline(`exports.handler = async () => ${JSON.stringify(name)};`) },
  }));
  assembly = app.synth(); // runs cdk-nag: throws "Validation failed" on any unacknowledged finding
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Json>;
}, 120_000);

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const logicalId = (construct: IConstruct): string => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
const ofType = (type: string): [string, Json][] => Object.entries(resources).filter(([, r]) => r.Type === type);
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Every logical id a (possibly nested) CloudFormation value refers to. */
const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    const obj = value as Json;
    if (typeof obj.Ref === 'string') return [obj.Ref];
    if (Array.isArray(obj['Fn::GetAtt'])) return [obj['Fn::GetAtt'][0]];
    return Object.values(obj).flatMap(refsIn);
  }
  return [];
};

/** The statements of every inline policy attached to a role. */
const statementsOf = (roleLogicalId: string): Json[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => refsIn(p.Properties.Roles).includes(roleLogicalId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);

const functionStatements = (name: FunctionName): Json[] => statementsOf(logicalId(stack.functions[name].role));

const tableId = (id: TableId) => logicalId(stack.store.tables[id]);
const bucketId = () => logicalId(stack.transcripts.bucket);

describe('DemarcheStack', () => {
  describe('tables', () => {
    it.each(TABLES.map((t) => [t.id, t] as const))('builds the %s table from its definition', (id, t) => {
      const table = resources[tableId(id)];
      expect(table).toBeDefined();
      expect(table!.DeletionPolicy).toBe('Retain');
      const p = table!.Properties;
      expect(p.TableName).toBeUndefined();
      expect(p.BillingMode).toBe('PAY_PER_REQUEST');
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.DeletionProtectionEnabled).toBe(true);
      expect(p.KeySchema).toEqual([
        { AttributeName: t.partitionKey.name, KeyType: 'HASH' },
        ...(t.sortKey ? [{ AttributeName: t.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect((p.GlobalSecondaryIndexes ?? []).map((g: Json) => g.IndexName)).toEqual(t.globalSecondaryIndexes.map((g) => g.indexName));
      expect((p.GlobalSecondaryIndexes ?? []).map((g: Json) => g.Projection)).toEqual(
        t.globalSecondaryIndexes.map((g) => ({ ProjectionType: g.projection ?? 'ALL' })),
      );
      expect(p.StreamSpecification?.StreamViewType).toBe(t.stream);
      expect(p.TimeToLiveSpecification).toEqual(t.timeToLiveAttribute ? { AttributeName: t.timeToLiveAttribute, Enabled: true } : undefined);
    });

    it('creates exactly the tables in TABLES', () => {
      expect(ofType('AWS::DynamoDB::Table')).toHaveLength(TABLES.length);
      expect(TABLES.map((t) => tableConstructId(t.id))).toEqual(TABLES.map((t) => stack.store.tables[t.id].node.id));
    });
  });

  describe('transcripts bucket and ingest queue', () => {
    it('encrypts, versions, blocks public access and logs the bucket', () => {
      const p = resources[bucketId()]!.Properties;
      expect(p.BucketName).toBeUndefined();
      expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(p.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(p.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalId(stack.transcripts.accessLogs) });
      expect(resources[bucketId()]!.DeletionPolicy).toBe('Retain');
    });

    it('denies non-TLS requests to both buckets', () => {
      for (const bucket of [stack.transcripts.bucket, stack.transcripts.accessLogs]) {
        template.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: logicalId(bucket) },
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('sends ObjectCreated notifications to the ingest queue', () => {
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: bucketId() },
        NotificationConfiguration: {
          QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: { 'Fn::GetAtt': [logicalId(stack.transcripts.queue), 'Arn'] } }],
        },
      });
    });

    it('encrypts every queue and requires TLS on it', () => {
      const queues = ofType('AWS::SQS::Queue');
      expect(queues.length).toBeGreaterThanOrEqual(4);
      for (const [id, q] of queues) {
        expect(q.Properties.SqsManagedSseEnabled).toBe(true);
        expect(q.Properties.QueueName).toBeUndefined();
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
          },
        });
      }
    });

    it('dead-letters ingest messages after the wiring’s maxReceiveCount', () => {
      const source = FUNCTIONS.ingest.source;
      const q = resources[logicalId(stack.transcripts.queue)]!.Properties;
      expect(q.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.transcripts.deadLetterQueue), 'Arn'] },
        maxReceiveCount: source.maxReceiveCount,
      });
      expect(q.VisibilityTimeout).toBe(source.visibilityTimeoutSeconds);
    });

    it('feeds the ingest function in batches with partial batch failures', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(stack.functions.ingest.fn) },
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.transcripts.queue), 'Arn'] },
        BatchSize: FUNCTIONS.ingest.source.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });
  });

  describe('functions', () => {
    it('creates one function per wiring entry (plus CDK’s bucket-notification handler)', () => {
      const ours = NAMES.map((n) => logicalId(stack.functions[n].fn));
      expect(new Set(ours).size).toBe(NAMES.length);
      const others = ofType('AWS::Lambda::Function').filter(([id]) => !ours.includes(id));
      expect(others.map(([id]) => id)).toEqual([expect.stringMatching(/^BucketNotificationsHandler/)]);
    });

    it.each(NAMES)('configures %s from the shared defaults and its wiring', (name) => {
      const p = resources[logicalId(stack.functions[name].fn)]!.Properties;
      const d = def(name);
      expect(p.FunctionName).toBeUndefined();
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.MemorySize).toBe(d.memoryMiB);
      expect(p.Timeout).toBe(d.timeoutSeconds);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(stack.functions[name].logGroup) });
      const env = p.Environment.Variables as Json;
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: name,
        POWERTOOLS_LOG_LEVEL: expect.any(String),
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      });
      const tableVars = TABLES.map((t) => t.envVar);
      const expected = TABLES.filter((t) => d.tables[t.id]).map((t) => t.envVar).sort();
      expect(Object.keys(env).filter((k) => tableVars.includes(k)).sort()).toEqual(expected);
      for (const t of TABLES.filter((t) => d.tables[t.id])) expect(env[t.envVar]).toEqual({ Ref: tableId(t.id) });
      expect(env.TRANSCRIPTS_BUCKET === undefined).toBe(d.bucket === undefined);
      expect(env.WEBHOOK_KMS_KEY_ID === undefined).toBe(d.secrets === undefined);
      if (d.secrets) expect(env.WEBHOOK_KMS_KEY_ID).toEqual({ Ref: logicalId(stack.secrets.key) });
      // Functions that send webhooks link to the API in payloads.
      expect(env.DEMARCHE_PUBLIC_API_URL === undefined).toBe(d.secrets === undefined);
      if (d.secrets) expect(refsIn(env.DEMARCHE_PUBLIC_API_URL)).toContain(logicalId(stack.api!.restApi));
    });

    it('keeps logs for a bounded time in one log group per function', () => {
      for (const name of NAMES) {
        expect(resources[logicalId(stack.functions[name].logGroup)]!.Properties.RetentionInDays).toBe(30);
      }
    });
  });

  describe('stream consumers', () => {
    const streamed = NAMES.filter((n) => def(n).source.kind === 'dynamodb-stream');

    it.each(streamed)('attaches %s to its table’s stream with bisect and an on-failure queue', (name) => {
      const source = def(name).source as Extract<FunctionDefinition['source'], { kind: 'dynamodb-stream' }>;
      const mapping = ofType('AWS::Lambda::EventSourceMapping').find(
        ([, m]) => m.Properties.FunctionName.Ref === logicalId(stack.functions[name].fn),
      );
      expect(mapping).toBeDefined();
      const p = mapping![1].Properties;
      expect(p.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId(source.table), 'StreamArn'] });
      expect(p.BatchSize).toBe(source.batchSize);
      expect(p.BisectBatchOnFunctionError).toBe(true);
      expect(p.ParallelizationFactor).toBe(source.parallelization);
      expect(p.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(p.StartingPosition).toBe('TRIM_HORIZON');
      expect(refsIn(p.DestinationConfig.OnFailure.Destination)).toHaveLength(1);
      const queueId = refsIn(p.DestinationConfig.OnFailure.Destination)[0]!;
      expect(resources[queueId]!.Type).toBe('AWS::SQS::Queue');
      if (source.eventTypes) {
        expect(p.FilterCriteria.Filters).toHaveLength(1);
        expect(JSON.parse(p.FilterCriteria.Filters[0].Pattern)).toEqual({
          dynamodb: { NewImage: { types: { SS: [...source.eventTypes] } } },
        });
      } else {
        expect(p.FilterCriteria).toBeUndefined();
      }
    });

    it('filters the notifier to commits holding the event types it notifies', () => {
      expect(streamed).toContain('notifier');
      expect(FUNCTIONS.notifier.source.eventTypes.length).toBeGreaterThan(0);
    });
  });

  describe('webhooks', () => {
    it('rotates the webhook secrets key and keeps it on stack deletion', () => {
      const key = resources[logicalId(stack.secrets.key)]!;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    });

    it.each(NAMES)('gives %s exactly the KMS actions its wiring names', (name) => {
      const kms = functionStatements(name).filter((s) => asArray(s.Action).some((a: string) => a.startsWith('kms:')));
      const actions = kms.flatMap((s) => asArray(s.Action)).sort();
      const secrets = def(name).secrets;
      const expected = secrets ? { 'encrypt-decrypt': ['kms:Decrypt', 'kms:Encrypt'], decrypt: ['kms:Decrypt'] }[secrets] : [];
      expect(actions).toEqual(expected);
      for (const s of kms) expect(refsIn(s.Resource)).toEqual([logicalId(stack.secrets.key)]);
    });

    it('runs scheduled functions on an EventBridge rate with a dead-letter queue', () => {
      const scheduled = NAMES.filter((n) => def(n).source.kind === 'schedule');
      expect(scheduled.length).toBeGreaterThan(0);
      for (const name of scheduled) {
        const source = def(name).source as { everySeconds: number };
        const minutes = source.everySeconds / 60;
        template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: `rate(${minutes} minute${minutes === 1 ? '' : 's'})`,
          State: 'ENABLED',
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [logicalId(stack.functions[name].fn), 'Arn'] },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
              RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
            }),
          ],
        });
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: logicalId(stack.functions[name].fn) },
          MaximumRetryAttempts: 0,
        });
      }
    });
  });

  describe('REST API', () => {
    const api = () => stack.api!;

    it('logs access and execution, traces, and throttles the stage', () => {
      const stage = ofType('AWS::ApiGateway::Stage');
      expect(stage).toHaveLength(1);
      const p = stage[0]![1].Properties;
      expect(p.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [logicalId(api().accessLogs), 'Arn'] });
      expect(p.TracingEnabled).toBe(true);
      expect(p.MethodSettings).toEqual([
        expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO', DataTraceEnabled: false, MetricsEnabled: true, ThrottlingRateLimit: expect.any(Number) }),
      ]);
      template.resourceCountIs('AWS::ApiGateway::Account', 1);
    });

    /** The path of an API Gateway resource, from its PathPart and parents. */
    const pathOf = (resourceRef: unknown): string => {
      const id = refsIn(resourceRef)[0]!;
      const r = resources[id];
      if (!r || r.Type !== 'AWS::ApiGateway::Resource') return '';
      return `${pathOf(r.Properties.ParentId)}/${r.Properties.PathPart}`;
    };
    const methods = () =>
      ofType('AWS::ApiGateway::Method').map(([, m]) => ({ method: m.Properties.HttpMethod as string, path: pathOf(m.Properties.ResourceId), p: m.Properties as Json }));

    it('serves exactly the API’s route table, each route by proxy integration with request validation', () => {
      const validator = ofType('AWS::ApiGateway::RequestValidator');
      expect(validator).toHaveLength(1);
      expect(validator[0]![1].Properties).toMatchObject({ ValidateRequestBody: true, ValidateRequestParameters: true });
      expect(methods().map((m) => `${m.method} ${m.path}`).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
      for (const { p } of methods()) {
        expect(p.Integration.Type).toBe('AWS_PROXY');
        expect(JSON.stringify(p.Integration.Uri)).toContain(logicalId(stack.functions.api.fn));
        expect(p.RequestValidatorId).toEqual({ Ref: validator[0]![0] });
      }
    });

    it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('requires an API key on %s exactly when the route does', (_, route) => {
      const m = methods().find((x) => x.method === route.method && x.path === route.path)!;
      expect(m.p.ApiKeyRequired ?? false).toBe(route.auth);
      const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((x) => `method.request.path.${x[1]}`);
      expect(Object.keys(m.p.RequestParameters ?? {}).sort()).toEqual(pathParams.sort());
    });

    it('keeps GET /health open and everything else keyed', () => {
      const open = methods().filter((m) => !m.p.ApiKeyRequired);
      expect(open.map((m) => `${m.method} ${m.path}`)).toEqual(['GET /health']);
    });

    it('checks the shape of request bodies that require fields, from the routes’ zod schemas', () => {
      const modelled = methods().filter((m) => m.p.RequestModels);
      expect(modelled.length).toBeGreaterThan(0);
      const create = methods().find((m) => m.method === 'POST' && m.path === '/subscriptions')!;
      const modelId = refsIn(create.p.RequestModels['application/json'])[0]!;
      const schema = resources[modelId]!.Properties.Schema;
      expect(schema).toMatchObject({ type: 'object', required: ['url', 'topics'], properties: { url: { type: 'string' }, topics: { type: 'array', items: { type: 'string' } } } });
    });

    it('answers unknown routes with 404 and gateway errors in the API’s error shape', () => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
        StatusCode: '404',
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"error":\\{"code":"not_found"') },
      });
      for (const type of ['INVALID_API_KEY', 'BAD_REQUEST_BODY', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX']) {
        template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
          ResponseType: type,
          ResponseTemplates: { 'application/json': Match.stringLikeRegexp('^\\{"error":\\{"code":"[a-z_]+","message":') },
        });
      }
    });

    it('lets API Gateway invoke the API function through one permission', () => {
      const perms = ofType('AWS::Lambda::Permission').filter(([, x]) => x.Properties.FunctionName?.['Fn::GetAtt']?.[0] === logicalId(stack.functions.api.fn));
      expect(perms).toHaveLength(1);
      expect(perms[0]![1].Properties.Principal).toBe('apigateway.amazonaws.com');
    });

    it('issues an API key in a throttled usage plan', () => {
      template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        Throttle: { RateLimit: Match.anyValue(), BurstLimit: Match.anyValue() },
        Quota: Match.objectLike({ Period: 'MONTH' }),
      });
      template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', { KeyType: 'API_KEY' });
      expect(resources[logicalId(api().apiKey)]!.Properties.Name).toBeUndefined();
    });

    it('signs pagination cursors with a generated per-deployment secret, resolved at deploy time', () => {
      const secretId = logicalId(api().cursorSecret);
      expect(resources[secretId]!.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
      const env = resources[logicalId(stack.functions.api.fn)]!.Properties.Environment.Variables as Json;
      // A CloudFormation dynamic reference to the secret, never a value baked into the template.
      expect(JSON.stringify(env[CURSOR_SECRET_ENV_VAR])).toContain('{{resolve:secretsmanager:');
      expect(refsIn(env[CURSOR_SECRET_ENV_VAR])).toEqual([secretId]);
      // No other function is given the key.
      for (const name of NAMES.filter((n) => n !== 'api')) {
        const vars = (resources[logicalId(stack.functions[name].fn)]!.Properties.Environment?.Variables ?? {}) as Json;
        expect(vars[CURSOR_SECRET_ENV_VAR]).toBeUndefined();
      }
    });

    it('outputs the API URL, the API key id and the bucket name', () => {
      const outputs = template.toJSON().Outputs as Json;
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'ApiKeyId', 'TranscriptsBucketName', 'IngestDeadLetterQueueArn']));
      expect(outputs.IngestDeadLetterQueueArn.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.transcripts.deadLetterQueue), 'Arn'] });
      expect(outputs.ApiKeyId.Value).toEqual({ Ref: logicalId(api().apiKey) });
      expect(outputs.TranscriptsBucketName.Value).toEqual({ Ref: bucketId() });
    });
  });

  describe('monitoring', () => {
    const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);

    it('alarms on every dead-letter and on-failure queue', () => {
      const queueIds = ofType('AWS::SQS::Queue')
        .map(([id]) => id)
        .filter((id) => id !== logicalId(stack.transcripts.queue));
      for (const id of queueIds) {
        expect(alarms()).toContainEqual(
          expect.objectContaining({
            MetricName: 'ApproximateNumberOfMessagesVisible',
            Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
            Threshold: 0,
          }),
        );
      }
    });

    it.each(NAMES)('alarms on errors of %s', (name) => {
      expect(alarms()).toContainEqual(
        expect.objectContaining({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[name].fn) } }] }),
      );
    });

    it('alarms on failed webhook deliveries reported by every function that sends them', () => {
      const alarm = alarms().find((a) => a.Metrics && JSON.stringify(a.Metrics).includes(DELIVERY_FAILED_METRIC));
      expect(alarm).toBeDefined();
      const services = (alarm!.Metrics as Json[])
        .filter((m) => m.MetricStat)
        .map((m) => {
          expect(m.MetricStat.Metric).toMatchObject({ MetricName: DELIVERY_FAILED_METRIC, Namespace: METRICS_NAMESPACE });
          return m.MetricStat.Metric.Dimensions[0].Value as string;
        })
        .sort();
      expect(services).toEqual(NAMES.filter((n) => def(n).secrets && def(n).source.kind !== 'http').sort());
      expect(services).toEqual(expect.arrayContaining(['deliverer', 'notifier']));
      expect(alarm!.Threshold).toBe(0);
    });

    it('notifies a TLS-only topic from every alarm', () => {
      const topic = logicalId(stack.monitoring.topic);
      for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
    });
  });

  describe('least privilege', () => {
    it('lets ingest read the bucket and write its own tables, and nothing else', () => {
      const allowed = new Set([
        logicalId(stack.functions.ingest.logGroup),
        logicalId(stack.transcripts.queue),
        bucketId(),
        ...Object.keys(FUNCTIONS.ingest.tables).map((t) => tableId(t as TableId)),
      ]);
      const statements = functionStatements('ingest');
      for (const s of statements) {
        for (const r of asArray(s.Resource)) {
          if (r === '*') expect(asArray(s.Action).every((a: string) => STAR_ALLOW_LIST.includes(a))).toBe(true);
          else for (const ref of refsIn(r)) expect(allowed).toContain(ref);
        }
      }
      const s3 = statements.filter((s) => asArray(s.Action).some((a: string) => a.startsWith('s3:')));
      expect(s3.map((s) => ({ actions: asArray(s.Action), resource: s.Resource }))).toEqual([
        { actions: ['s3:GetObject'], resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, '/*']] } },
        { actions: ['s3:ListBucket'], resource: { 'Fn::GetAtt': [bucketId(), 'Arn'] } },
      ]);
      const tablesTouched = new Set(
        statements.filter((s) => asArray(s.Action).some((a: string) => a.startsWith('dynamodb:'))).flatMap((s) => refsIn(s.Resource)),
      );
      expect([...tablesTouched].sort()).toEqual(Object.keys(FUNCTIONS.ingest.tables).map((t) => tableId(t as TableId)).sort());
    });

    it.each(NAMES)('gives %s table access exactly per its wiring, indexes included', (name) => {
      const statements = functionStatements(name).filter((s) => asArray(s.Action).some((a: string) => a.startsWith('dynamodb:')));
      for (const t of TABLES) {
        const id = tableId(t.id);
        const onTable = statements.filter((s) => refsIn(s.Resource).includes(id));
        const actions = new Set(onTable.flatMap((s) => asArray(s.Action) as string[]));
        const access = def(name).tables[t.id];
        if (!access) expect(onTable).toEqual([]);
        else {
          expect(actions).toContain('dynamodb:Query');
          for (const w of DYNAMO_WRITES.filter((a) => a !== 'dynamodb:TransactWriteItems')) expect(actions.has(w)).toBe(access === 'readwrite');
          if (t.globalSecondaryIndexes.length > 0) {
            const indexArns = onTable.flatMap((s) => asArray(s.Resource)).filter((r) => JSON.stringify(r).includes('/index/*'));
            expect(indexArns.length).toBeGreaterThan(0);
          }
        }
      }
    });

    it('never lets the API function append to the events table', () => {
      expect(FUNCTIONS.api.tables.events).toBe('read');
      const events = tableId('events');
      const onEvents = functionStatements('api').filter((s) => refsIn(s.Resource).includes(events));
      expect(onEvents.length).toBeGreaterThan(0);
      const actions = onEvents.flatMap((s) => asArray(s.Action) as string[]);
      for (const w of DYNAMO_WRITES) expect(actions).not.toContain(w);
      expect(actions.some((a) => a === 'dynamodb:*' || a.endsWith('*'))).toBe(false);
    });

    it('lets the API function only PutObject into the bucket (pre-signed uploads)', () => {
      const s3 = functionStatements('api').filter((s) => asArray(s.Action).some((a: string) => a.startsWith('s3:')));
      expect(s3.flatMap((s) => asArray(s.Action))).toEqual(['s3:PutObject']);
      expect(s3.flatMap((s) => refsIn(s.Resource))).toEqual([bucketId()]);
    });

    it('allows Resource "*" only for actions AWS cannot scope', () => {
      for (const [id, p] of ofType('AWS::IAM::Policy')) {
        for (const s of p.Properties.PolicyDocument.Statement as Json[]) {
          if (asArray(s.Resource).includes('*')) {
            for (const a of asArray(s.Action) as string[]) expect({ policy: id, action: a, allowed: STAR_ALLOW_LIST.includes(a) }).toEqual({ policy: id, action: a, allowed: true });
          }
        }
      }
    });

    it('attaches no AWS managed policy to the functions’ roles', () => {
      for (const name of NAMES) {
        expect(resources[logicalId(stack.functions[name].role)]!.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('uses generated names for every named resource', () => {
      const nameProps: Record<string, string> = {
        'AWS::DynamoDB::Table': 'TableName',
        'AWS::S3::Bucket': 'BucketName',
        'AWS::SQS::Queue': 'QueueName',
        'AWS::Lambda::Function': 'FunctionName',
        'AWS::IAM::Role': 'RoleName',
        'AWS::Logs::LogGroup': 'LogGroupName',
        'AWS::SNS::Topic': 'TopicName',
        'AWS::KMS::Key': 'KeyName',
        'AWS::Events::Rule': 'Name',
      };
      for (const [type, prop] of Object.entries(nameProps)) {
        for (const [, r] of ofType(type)) expect(r.Properties?.[prop]).toBeUndefined();
      }
    });
  });

  describe('app', () => {
    it('names the stack Demarche unless the stackName context names another copy', () => {
      expect(stack.stackName).toBe('Demarche');
      const other = buildApp({
        app: { outdir: tempOutdir(), context: { stackName: 'demarche-staging' } },
        stack: { stubCode: () => lambda.Code.fromInline('exports.handler = async () => undefined;') },
      });
      expect(other.stack.stackName).toBe('demarche-staging');
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error or warning annotations after synth', () => {
      const messages = assembly.getStackArtifact(stack.artifactId).messages;
      expect(messages.filter((m) => m.level === 'error' || m.level === 'warning')).toEqual([]);
    });

    it('acknowledges every finding with a reason, and every acknowledgement is needed', () => {
      // The raw findings: the same checks with acknowledgements ignored.
      const raw = new AwsSolutionsChecks(app) as unknown as { isAcknowledged: () => boolean; validateScope: (s: IConstruct) => Json };
      raw.isAcknowledged = () => false;
      const findings: { rule: string; path: string }[] = raw
        .validateScope(app)
        .violations.flatMap((v: Json) => v.violatingResources.map((r: Json) => ({ rule: v.ruleName as string, path: r.constructPath as string })));
      expect(findings.length).toBeGreaterThan(0);

      const acks = ackedRules(app);
      for (const f of findings) {
        const covering = acks.filter((a) => a.id === f.rule && (f.path === a.path || f.path.startsWith(`${a.path}/`)));
        expect({ ...f, acknowledged: covering.length > 0 }).toEqual({ ...f, acknowledged: true });
      }
      for (const a of acks) {
        expect(a.reason.length).toBeGreaterThan(30);
        const used = findings.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`)));
        expect({ id: a.id, path: a.path, used }).toEqual({ id: a.id, path: a.path, used: true });
      }
    });
  });

  describe('bundling', () => {
    it('finds zod imported as a namespace everywhere in lambdas/ (esbuild cannot tree-shake `import { z }`: +443 KiB per bundle)', () => {
      const offenders: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(file);
          else if (file.endsWith('.ts') && /^import \{[^}]*\bz\b[^}]*\} from 'zod'/m.test(readFileSync(file, 'utf8'))) offenders.push(path.relative(REPO, file));
        }
      };
      walk(path.join(REPO, 'lambdas'));
      expect(offenders).toEqual([]);
    });
  });

  describe('synth with the real handlers', () => {
    it('bundles every wiring entry with esbuild under 1 MB and passes cdk-nag', () => {
      for (const name of NAMES) expect(existsSync(path.resolve(__dirname, '..', def(name).entry))).toBe(true);
      const real = buildApp({ app: { outdir: tempOutdir() } });
      const assembly = real.app.synth(); // cdk-nag runs here too: throws on any unacknowledged finding
      const artifact = assembly.getStackByName(real.stack.stackName);
      const tpl = artifact.template as Json;
      for (const name of NAMES) {
        const fn = tpl.Resources[logicalId(real.stack.functions[name].fn)];
        // The code's S3 key is the asset hash: the bundle sits in asset.<hash>/ in the assembly.
        const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
        const bundle = path.join(assembly.directory, `asset.${hash}`, 'index.js');
        expect(statSync(bundle).size).toBeLessThan(1024 * 1024);
        expect(fn.Properties.Handler).toBe('index.handler');
        // Only Node built-ins and the runtime's AWS SDK stay outside the bundle.
        const required = [...readFileSync(bundle, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
        expect(required.filter((m) => !m.startsWith('@aws-sdk/') && !builtinModules.includes(m.replace(/^node:/, '')))).toEqual([]);
        // The bundle really exports the handler. Loaded in a child whose NODE_PATH provides the
        // AWS SDK, as the Lambda runtime's NODE_PATH does for the external @aws-sdk/* modules.
        const exported = execFileSync(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', bundle], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', NODE_PATH: path.resolve(__dirname, '..', 'node_modules') },
        });
        expect(exported).toBe('function');
      }
    }, 180_000);
  });
});

/** Every acknowledgement recorded in the construct tree: rule id, construct path, reason. */
const ackedRules = (root: IConstruct): { id: string; path: string; reason: string }[] =>
  root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, { reason?: string } | string>).map(([id, v]) => ({
          id: id.replace(/^[A-Za-z-]+::/, '').replace(/^annotation::/i, ''),
          path: c.node.path,
          reason: typeof v === 'string' ? v : (v.reason ?? ''),
        })),
      ),
  );
