/**
 * The REST API: API Gateway in front of the API function (Lambda proxy integration), API keys with
 * a throttled usage plan, request validation, access and execution logs, X-Ray tracing, and
 * gateway errors in the API's own `{"error": {code, message}}` shape.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName } from '../lambdas/adapters/wiring';
import { DemarcheFunction, type ArchiveResources, type FunctionCodeSource } from './function-defaults';

/** Stage-wide and per-key throttling. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;
/** Requests per API key per month. */
export const API_MONTHLY_QUOTA = 1_000_000;
/** The deployment stage's name (the last path segment of the API URL). */
export const API_STAGE = 'v1';

/** Properties of the Api construct. */
export interface ApiProps extends FunctionCodeSource {
  readonly name: FunctionName;
  readonly archive: ArchiveResources;
  readonly environment?: Record<string, string>;
}

/** The REST API, its key and usage plan, and the API function. */
export class Api extends Construct {
  /** The API function. */
  readonly function: DemarcheFunction;
  /** The REST API. */
  readonly restApi: apigw.RestApi;
  /** The API key clients send as `x-api-key`. */
  readonly apiKey: apigw.IApiKey;
  /** Access logs of the stage. */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.function = new DemarcheFunction(this, 'Function', props);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.restApi = new apigw.RestApi(this, 'RestApi', {
      description: 'demarche: archive of diplomatic statements',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      apiKeySourceType: apigw.ApiKeySourceType.HEADER,
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: API_STAGE,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: API_THROTTLE.rateLimit,
        throttlingBurstLimit: API_THROTTLE.burstLimit,
      },
      defaultMethodOptions: { apiKeyRequired: true },
    });
    const api = this.restApi;

    // Errors raised by the gateway itself (missing key, invalid body, throttling) in the API's shape.
    const errorBody = {
      'application/json':
        '{"error":{"code":"$context.error.responseType","message":$context.error.messageString,"details":"$context.error.validationErrorString"}}',
    };
    api.addGatewayResponse('Default4xx', { type: apigw.ResponseType.DEFAULT_4XX, templates: errorBody });
    api.addGatewayResponse('Default5xx', { type: apigw.ResponseType.DEFAULT_5XX, templates: errorBody });

    const validator = api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integration = new apigw.LambdaIntegration(this.function.fn, { proxy: true, allowTestInvoke: false });
    const keyed: apigw.MethodOptions = { apiKeyRequired: true, requestValidator: validator };
    const proxyParams: apigw.MethodOptions = { ...keyed, requestParameters: { 'method.request.path.proxy': true } };

    // Every route goes to the API function; the gateway checks keys, path parameters and the one
    // body whose shape it can check without knowing the domain (subscription creation).
    api.root.addResource('health').addMethod('GET', integration, { apiKeyRequired: false, requestValidator: validator });
    api.root.addResource('{proxy+}').addMethod('ANY', integration, proxyParams);
    const subscriptions = api.root.addResource('subscriptions');
    subscriptions.addMethod('ANY', integration, keyed);
    subscriptions.addMethod('POST', integration, {
      ...keyed,
      requestModels: { 'application/json': this.subscriptionModel() },
    });
    subscriptions.addResource('{proxy+}').addMethod('ANY', integration, proxyParams);

    this.apiKey = api.addApiKey('ApiKey', { description: 'demarche API key (x-api-key)' });
    const plan = api.addUsagePlan('UsagePlan', {
      description: 'demarche clients',
      throttle: { rateLimit: API_THROTTLE.rateLimit, burstLimit: API_THROTTLE.burstLimit },
      quota: { limit: API_MONTHLY_QUOTA, period: apigw.Period.MONTH },
      apiStages: [{ api, stage: api.deploymentStage }],
    });
    plan.addApiKey(this.apiKey);

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-APIG3',
        reason: 'No WAF web ACL: the API is key-authenticated, throttled per key and stage, and a web ACL would cost more than the archive itself at its scale; add one in front when the API is exposed to untrusted traffic at volume.',
      },
      {
        id: 'AwsSolutions-APIG4',
        reason: 'Authorization is by API key (x-api-key) with a usage plan, as the HTTP contract specifies for machine clients; GET /health is deliberately open.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'No Cognito user pool: clients are scripts and the CLI authenticating with API keys, not end users.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-level role API Gateway needs to write execution logs; AWS maintains this managed policy for exactly that purpose.',
      },
    );
  }

  /** JSON schema of POST /subscriptions: `{url, topics[], events?[]}`. */
  private subscriptionModel(): apigw.Model {
    return this.restApi.addModel('CreateSubscription', {
      contentType: 'application/json',
      schema: {
        schema: apigw.JsonSchemaVersion.DRAFT4,
        title: 'CreateSubscription',
        type: apigw.JsonSchemaType.OBJECT,
        required: ['url', 'topics'],
        properties: {
          url: { type: apigw.JsonSchemaType.STRING, minLength: 1, maxLength: 2048 },
          topics: { type: apigw.JsonSchemaType.ARRAY, items: { type: apigw.JsonSchemaType.STRING } },
          events: { type: apigw.JsonSchemaType.ARRAY, items: { type: apigw.JsonSchemaType.STRING } },
        },
      },
    });
  }
}
