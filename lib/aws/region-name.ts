import { z } from "zod";

/** AWS region names (eu-west-1, us-gov-west-1, us-isob-east-1): the one pattern Airlock checks them with. Pure. */
export const awsRegionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Whether `value` is shaped like an AWS region name (eu-west-1, us-gov-west-1). Pure. */
export function isAwsRegionName(value: string): boolean {
  return awsRegionPattern.test(value);
}

/** A region name in a request or a setting, with the sentence a person reads when it is not one. */
export const awsRegionNameSchema = z
  .string()
  .regex(awsRegionPattern, "The region is not an AWS region name, such as eu-west-1.");
