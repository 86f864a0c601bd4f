/**
 * The REST API: API Gateway in front of the API function (Lambda proxy integration), one method per
 * route of the API's own route table (lambdas/api/routes.ts), API keys with
 * a throttled usage plan, request validation, access and execution logs, X-Ray tracing, and
 * gateway errors in the API's own `{"error": {code, message}}` shape.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { z } from 'zod';
import type { FunctionName } from '../lambdas/adapters/wiring';
import type { Route } from '../lambdas/api/routes';
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
  /** The API's route table (lambdas/api/routes.ts): one gateway method per route. */
  readonly routes: readonly Pick<Route, 'method' | 'path' | 'operationId' | 'auth' | 'body'>[];
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

    // Errors raised by the gateway itself (unknown route, missing key, invalid body, throttling) in
    // the API's own shape and vocabulary.
    const gatewayError = (id: string, type: apigw.ResponseType, code: string, statusCode?: string) =>
      api.addGatewayResponse(id, {
        type,
        ...(statusCode ? { statusCode } : {}),
        templates: { 'application/json': `{"error":{"code":"${code}","message":$context.error.messageString}}` },
      });
    gatewayError('NotFound', apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, 'not_found', '404');
    gatewayError('InvalidApiKey', apigw.ResponseType.INVALID_API_KEY, 'forbidden');
    gatewayError('BadBody', apigw.ResponseType.BAD_REQUEST_BODY, 'validation_error');
    gatewayError('BadParameters', apigw.ResponseType.BAD_REQUEST_PARAMETERS, 'validation_error');
    gatewayError('Throttled', apigw.ResponseType.THROTTLED, 'too_many_requests');
    gatewayError('QuotaExceeded', apigw.ResponseType.QUOTA_EXCEEDED, 'too_many_requests');
    gatewayError('Default4xx', apigw.ResponseType.DEFAULT_4XX, 'bad_request');
    gatewayError('Default5xx', apigw.ResponseType.DEFAULT_5XX, 'internal_error');

    const validator = api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // One resource-policy statement for the whole API rather than one per method.
    const integration = new apigw.LambdaIntegration(this.function.fn, { proxy: true, scopePermissionToMethod: false });

    // Every route of the API's own route table, with its method, path parameters, key requirement
    // and body shape: the gateway answers unknown routes itself, and the function stays the judge
    // of everything finer than the shape (zod).
    for (const route of props.routes) {
      const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const model = route.body ? this.bodyModel(route.operationId, route.body) : undefined;
      api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        operationName: route.operationId,
        apiKeyRequired: route.auth,
        requestValidator: validator,
        requestParameters: Object.fromEntries(pathParams.map((p) => [`method.request.path.${p}`, true])),
        ...(model ? { requestModels: { 'application/json': model } } : {}),
      });
    }

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

  /**
   * The body's shape as a gateway model: an object, its required keys and each property's JSON
   * type, derived from the route's zod schema. None when the body requires nothing (the gateway
   * would then add nothing but a refusal of empty bodies).
   */
  private bodyModel(operationId: string, body: z.ZodType): apigw.Model | undefined {
    const shape = bodyShape(body);
    if (!shape) return undefined;
    return this.restApi.addModel(`${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Body`, {
      contentType: 'application/json',
      schema: shape,
    });
  }
}

const JSON_TYPES: Record<string, apigw.JsonSchemaType> = {
  string: apigw.JsonSchemaType.STRING,
  number: apigw.JsonSchemaType.NUMBER,
  integer: apigw.JsonSchemaType.INTEGER,
  boolean: apigw.JsonSchemaType.BOOLEAN,
  array: apigw.JsonSchemaType.ARRAY,
  object: apigw.JsonSchemaType.OBJECT,
  null: apigw.JsonSchemaType.NULL,
};

type Json = Record<string, unknown>;

const typeOf = (schema: Json | undefined): apigw.JsonSchemaType | apigw.JsonSchemaType[] | undefined => {
  const t = schema?.type;
  if (typeof t === 'string') return JSON_TYPES[t];
  if (Array.isArray(t)) {
    const types = t.map((x) => JSON_TYPES[String(x)]).filter((x): x is apigw.JsonSchemaType => x !== undefined);
    return types.length === t.length ? types : undefined;
  }
  return undefined;
};

/** The top-level shape of a zod object schema as an API Gateway (draft-04) model, or undefined. */
export const bodyShape = (body: z.ZodType): apigw.JsonSchema | undefined => {
  const json = z.toJSONSchema(body, { io: 'input', target: 'draft-4', unrepresentable: 'any' }) as Json;
  const required = (json.required ?? []) as string[];
  if (json.type !== 'object' || required.length === 0) return undefined;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  return {
    schema: apigw.JsonSchemaVersion.DRAFT4,
    type: apigw.JsonSchemaType.OBJECT,
    required,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, prop]) => {
        const type = typeOf(prop);
        const items = type === apigw.JsonSchemaType.ARRAY ? typeOf(prop.items as Json | undefined) : undefined;
        return [name, { ...(type ? { type } : {}), ...(items ? { items: { type: items } } : {}) }];
      }),
    ),
  };
};
