/**
 * The AWS Lambda entry (`dist/lambda.js`, handler `lambda.handler`): mailbridge
 * is built once per execution environment, at import, and serves every warm
 * invocation with the same relay pool.
 */
import { createLambdaHandler } from './lambda-handler.js'

export const { handler } = await createLambdaHandler(process.env)
