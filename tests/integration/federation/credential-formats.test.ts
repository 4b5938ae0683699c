import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import { createDb, type Db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { createScratchHome, dotenvPython, type Seen } from "@/tests/support/aws-clients";
import { metadataFor } from "@/tests/support/federation-fixtures";
import { alice, samlServerEnv, signInOverHttp, testIdpKey } from "@/tests/support/http-session";
import { startServer, type RunningServer } from "@/tests/support/server";

// Every credential format, issued by Airlock through the AWS emulator over real HTTP, fed to the
// real program that consumes it: bash and fish, the AWS CLI, boto3, the JS SDK's env, ini and
// process providers, and the dotenv loaders. Each must see exactly what was issued.

// Each client is a Python or Node process started several times: slow on a busy machine.
const CLIENTS_TIMEOUT = 180_000;

type Issued = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  region: string;
  profileName: string;
  assumedRoleArn: string;
  formats: Record<string, string>;
};

let emulator: Emulator;
let server: RunningServer;
let db: Db;
let session: string;

beforeAll(async () => {
  const state = buildDemoState({});
  for (const provider of state.providers) provider.metadataXml = metadataFor(testIdpKey);
  emulator = await startEmulator({ state });
  server = await startServer(
    samlServerEnv({ AIRLOCK_STS_ENDPOINT: emulator.url, AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation` }),
  );
  session = await signInOverHttp(server, alice).catch((e: unknown) => {
    console.error(server.output());
    throw e;
  });
  db = createDb(server.databaseUrl);
  await seedDemo(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await emulator?.close();
});

async function post(body: Record<string, unknown>, attempt = 1): Promise<Response> {
  try {
    return await fetch(`${server.url}/api/credentials`, {
      method: "POST",
      headers: { cookie: session, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    // A kept-alive connection the server closed (idle past its keep-alive timeout while the
    // clients ran) just as this request went out: nothing reached Airlock, so send it again.
    const cause = (error as { cause?: { code?: string } }).cause;
    if (attempt === 1 && cause?.code === "UND_ERR_SOCKET") return post(body, 2);
    throw error;
  }
}

async function issue(body: Record<string, unknown> = {}): Promise<Issued> {
  const response = await post({ accountId: "111111111111", roleName: "Developer", region: "eu-west-1", ...body });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Issued;
}

/** What every client must see: exactly what Airlock issued. */
const expected = (c: Issued, expiration: string | null = c.expiration): Seen => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  sessionToken: c.sessionToken,
  expiration,
  region: c.region,
  arn: c.assumedRoleArn,
});

const variablesOf = (c: Issued) => ({
  AWS_ACCESS_KEY_ID: c.accessKeyId,
  AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
  AWS_SESSION_TOKEN: c.sessionToken,
  AWS_REGION: c.region,
  AWS_DEFAULT_REGION: c.region,
  AWS_CREDENTIAL_EXPIRATION: c.expiration,
});

describe("the region the formats carry", () => {
  it("is the region asked for, else the person's console region, else the deployment's; never STS's by accident", async () => {
    expect((await issue({ region: "eu-west-1" })).region).toBe("eu-west-1");
    await db.user.updateMany({ where: { email: alice.email }, data: { preferredRegion: "ap-south-1" } });
    const preferred = await issue({ region: undefined });
    expect(preferred.region).toBe("ap-south-1");
    expect(preferred.formats.bash).toContain(" export AWS_DEFAULT_REGION='ap-south-1'");
    await db.user.updateMany({ where: { email: alice.email }, data: { preferredRegion: null } });
    expect((await issue({ region: undefined })).region).toBe("us-east-1");
  });

  it("refuses a region of another partition, and a malformed one, before issuing anything", async () => {
    const before = emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length;
    const gov = await post({ accountId: "111111111111", roleName: "Developer", region: "us-gov-west-1" });
    expect(gov.status).toBe(400);
    expect(((await gov.json()) as { error: { message: string } }).error.message).toBe(
      "us-gov-west-1 is not a region of this account's partition (aws): choose a region such as us-east-1.",
    );
    const malformed = await post({ accountId: "111111111111", roleName: "Developer", region: "eu-west-1'" });
    expect(malformed.status).toBe(400);
    expect(emulator.requests.filter((r) => r.action === "AssumeRoleWithSAML").length).toBe(before);
  });
});

describe("shell blocks, sourced by the shell and read by the AWS CLI, boto3 and the JS SDK", () => {
  it.each(["bash", "fish"] as const)(
    "%s",
    async (shell) => {
      const issued = await issue();
      const home = createScratchHome();
      try {
        const variables = await home.variablesAfter(shell, issued.formats[shell]);
        expect(variables).toEqual(variablesOf(issued));
        expect(await home.awsCli(emulator.url, { env: variables })).toEqual({
          arn: issued.assumedRoleArn,
          region: "eu-west-1",
          regionSource: "env",
        });
        expect(await home.boto3(emulator.url, { env: variables })).toEqual(expected(issued));
        expect(await home.jsSdk("env", emulator.url, { env: variables })).toEqual(expected(issued));
      } finally {
        home.cleanup();
      }
    },
    CLIENTS_TIMEOUT,
  );
});

describe("~/.aws/credentials", () => {
  it(
    "two blocks appended one after the other: both profiles read by the AWS CLI, boto3 and fromIni",
    async () => {
      const sandbox = await issue();
      const staging = await issue({ accountId: "222222222222", roleName: "ReadOnly", region: "eu-central-1" });
      expect([sandbox.profileName, staging.profileName]).toEqual(["sandbox-developer", "staging-readonly"]);
      const home = createScratchHome();
      try {
        writeFileSync(home.file("credentials"), sandbox.formats.profile + staging.formats.profile);
        for (const issued of [sandbox, staging]) {
          const profile = issued.profileName;
          expect(await home.awsCli(emulator.url, { profile })).toEqual({
            arn: issued.assumedRoleArn,
            region: issued.region,
            regionSource: "config-file",
          });
          // The credentials file has no field for the expiry; the block's comment says it.
          expect(await home.boto3(emulator.url, { profile })).toEqual(expected(issued, null));
          expect(await home.jsSdk("ini", emulator.url, { profile })).toEqual(expected(issued, null));
        }
      } finally {
        home.cleanup();
      }
    },
    CLIENTS_TIMEOUT,
  );
});

describe("aws configure set", () => {
  it(
    "run in bash writes the profile, and running a renewal updates it in place",
    async () => {
      const first = await issue();
      const renewed = await issue({ region: "eu-north-1" });
      const home = createScratchHome();
      try {
        for (const issued of [first, renewed]) {
          const ran = await home.run("bash", ["-c", `set -e\n${issued.formats.configure}`]);
          expect(ran.code, ran.stderr).toBe(0);
        }
        const credentialsFile = readFileSync(home.file("credentials"), "utf8");
        expect(credentialsFile.match(/\[sandbox-developer\]/g)).toHaveLength(1);
        expect(credentialsFile).not.toContain(first.accessKeyId);
        const profile = "sandbox-developer";
        const region = await home.run("aws", ["configure", "get", "region", "--profile", profile]);
        expect(region.stdout.trim()).toBe("eu-north-1");
        expect((await home.awsCli(emulator.url, { profile })).arn).toBe(renewed.assumedRoleArn);
        expect(await home.boto3(emulator.url, { profile })).toEqual(expected(renewed, null));
        expect(await home.jsSdk("ini", emulator.url, { profile })).toEqual(expected(renewed, null));
      } finally {
        home.cleanup();
      }
    },
    CLIENTS_TIMEOUT,
  );
});

describe("credential_process", () => {
  it(
    "its JSON, printed by a credential_process line, read by the AWS CLI, boto3 and fromProcess, expiry included",
    async () => {
      const issued = await issue();
      const home = createScratchHome();
      try {
        writeFileSync(home.file("process.json"), issued.formats.credential_process);
        writeFileSync(
          home.file("config"),
          `[profile sandbox-developer]\ncredential_process = cat ${home.file("process.json")}\nregion = eu-west-1\n`,
        );
        const profile = "sandbox-developer";
        expect((await home.awsCli(emulator.url, { profile })).arn).toBe(issued.assumedRoleArn);
        expect(await home.boto3(emulator.url, { profile })).toEqual(expected(issued));
        expect(await home.jsSdk("process", emulator.url, { profile })).toEqual(expected(issued));
      } finally {
        home.cleanup();
      }
    },
    CLIENTS_TIMEOUT,
  );
});

const NEXT_ENV = `
const { loadEnvConfig } = require(process.env.AIRLOCK_REPO + "/node_modules/@next/env");
const { parsedEnv } = loadEnvConfig(process.cwd(), false, { info() {}, error(e) { console.error(e); } });
console.log(JSON.stringify(parsedEnv));
`;
const NPM_DOTENV = `
const dotenv = require(process.env.AIRLOCK_REPO + "/node_modules/dotenv");
console.log(JSON.stringify(dotenv.parse(require("node:fs").readFileSync(".env"))));
`;
const PYTHON_DOTENV = `
import json
from dotenv import dotenv_values
print(json.dumps(dotenv_values(".env")))
`;

describe(".env", () => {
  const loaders: [string, string, string[]][] = [
    ["npm dotenv", process.execPath, ["-e", NPM_DOTENV]],
    ["Next.js (@next/env, dotenv and dotenv-expand)", process.execPath, ["-e", NEXT_ENV]],
    ...(dotenvPython ? [["python-dotenv", dotenvPython, ["-c", PYTHON_DOTENV]] as [string, string, string[]]] : []),
  ];
  it.each(loaders)(
    "read by %s as exactly the issued values",
    async (_name, command, args) => {
      const issued = await issue();
      const home = createScratchHome();
      try {
        writeFileSync(home.file(".env"), `${issued.formats.dotenv}\n`);
        const loaded = await home.run(command, args, { NODE_ENV: "production" });
        expect(loaded.code, loaded.stderr).toBe(0);
        expect(JSON.parse(loaded.stdout)).toEqual(variablesOf(issued));
      } finally {
        home.cleanup();
      }
    },
    CLIENTS_TIMEOUT,
  );
});
