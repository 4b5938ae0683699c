"use client";

import { memo } from "react";

const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
];
const SERVICES = [
  "",
  "cloudwatch",
  "ec2",
  "s3",
  "lambda",
  "rds",
  "iam",
  "cloudformation",
  "ecs",
  "eks",
  "dynamodb",
  "sqs",
  "billing",
];

const label = "text-xs font-medium text-slate-700 sm:text-sm";
const select =
  "mt-0.5 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm sm:mt-1 sm:w-40 sm:py-2";

/** Where "Open console" lands: the region and the console page, each the last one opened. */
export const ConsoleChoice = memo(function ConsoleChoice({
  region,
  destination,
  onRegion,
  onDestination,
}: {
  region: string;
  destination: string;
  onRegion: (region: string) => void;
  onDestination: (destination: string) => void;
}) {
  // A remembered value from a deep link may be outside the short lists: offer it too.
  const regions = REGIONS.includes(region) ? REGIONS : [region, ...REGIONS];
  const services = SERVICES.includes(destination) ? SERVICES : [...SERVICES, destination];
  return (
    <div className="grid grid-cols-2 gap-2 sm:flex sm:gap-3">
      <label>
        <span className={label}>Console region</span>
        <select value={region} onChange={(e) => onRegion(e.target.value)} className={select}>
          {regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        <span className={label}>Open at</span>
        <select value={destination} onChange={(e) => onDestination(e.target.value)} className={select}>
          {services.map((s) => (
            <option key={s} value={s}>
              {s || "Console home"}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});
