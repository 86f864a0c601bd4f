/**
 * The DynamoDB clients, created once per process on first use. The endpoint comes from the SDK's
 * own `AWS_ENDPOINT_URL_DYNAMODB`, so the local runtime and tests point the very same handlers at
 * DynamoDB Local. A module of its own so a function's bundle holds only the SDK clients it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let low: DynamoDBClient | undefined;
let document: DynamoDBDocumentClient | undefined;

/** The low-level DynamoDB client. */
export const dynamoClient = (): DynamoDBClient => (low ??= new DynamoDBClient({ maxAttempts: 5 }));

/** The DynamoDB document client (plain JS values in and out). */
export const documentClient = (): DynamoDBDocumentClient =>
  (document ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }));
