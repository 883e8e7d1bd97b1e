// Installs Pulumi mocks that answer like AWS would and record every resource with its parent and dependencies.
import * as pulumi from "@pulumi/pulumi";
import { captureDeclaredOptions, DeclaredOptions } from "./declaredOptions";
import { mockOutput } from "./mockOutputs";
import { engineUrn, onOutputsRegistered, onRegistration, outputValue, waitForRegistrations } from "./pulumiSdk";

export interface MockEnvironment {
    project?: string;
    stack: string;
    organization?: string;
    accountId: string;
    region: string;
    /** Outputs of already-evaluated peer stacks, by bare stack name. */
    peers?: Readonly<Record<string, Record<string, unknown>>>;
    /** The account of the stack's credentials (STS GetCallerIdentity). @default accountId */
    callerAccountId?: string;
    /**
     * The buckets the caller's account owns, as S3 ListBuckets lists them. @default whichever bucket is
     * asked for, in `region`: offline, an adopted bucket is where adopt found it (adopted/<stack>.json).
     */
    ownedBuckets?: ReadonlyArray<{ name: string; region: string }>;
}

/** The invokes the program makes (the adopted-bucket check, stacks/adoptedBucketCheck.ts), answered as AWS would. */
function answerInvoke(env: MockEnvironment, token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (token === "aws:index/getCallerIdentity:getCallerIdentity") {
        const account = env.callerAccountId ?? env.accountId;
        return { accountId: account, arn: `arn:aws:iam::${account}:role/deployer`, id: account, userId: "AROAMOCK" };
    }
    if (token === "aws:s3/getBuckets:getBuckets") {
        const prefix = typeof inputs.prefix === "string" ? inputs.prefix : "";
        const owned = env.ownedBuckets ?? [{ name: prefix, region: env.region }];
        const buckets = owned
            .filter((b) => b.name !== "" && b.name.startsWith(prefix))
            .map((b) => ({
                name: b.name,
                bucketRegion: b.region,
                bucketArn: `arn:aws:s3:::${b.name}`,
                creationDate: "2020-01-01T00:00:00Z",
            }));
        return { buckets, prefix, region: env.region };
    }
    throw new Error(`unexpected invoke ${token}: the program must take this fact from config`);
}

/** One registered resource, as the plan, the policy pack and the tests see it. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** Read from the live account (`Resource.get`, an adopted bucket), never created, changed or deleted. */
    read?: boolean;
    id?: string;
    parent?: string;
    dependencies: string[];
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** The options the program declared on the resource (filled in by `settle`). */
    options?: DeclaredOptions;
    /** As the program passed them: the SDK's own type, read by tests and policies like any program's inputs. */
    inputs: pulumi.Inputs;
    outputs: pulumi.runtime.MockResourceResult["state"];
}

/** Inputs that are plumbing, not configuration (the dynamic provider's serialized closure). */
function cleanInputs(inputs: pulumi.Inputs): pulumi.Inputs {
    const { __provider, ...rest } = inputs;
    void __provider;
    return rest;
}

export class ResourceRecorder {
    readonly resources: RecordedResource[] = [];
    readonly invokes: string[] = [];
    /** What each component passed to `registerOutputs` (the engine keeps it in its state), by URN. */
    readonly registeredOutputs = new Map<string, Record<string, unknown>>();

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The single resource of `type` named `name`; fails when there is none or more than one. */
    one(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            throw new Error(
                `expected one ${type} named ${name}, found ${found.length}; have: ${this.resources.map((r) => `${r.type}/${r.name}`).join(", ")}`,
            );
        }
        return found[0];
    }

    clear(): void {
        this.resources.length = 0;
        this.invokes.length = 0;
        this.registeredOutputs.clear();
    }
}

/**
 * Sets Pulumi mocks for one stack and returns the recorder. The program takes its facts (accounts,
 * regions, AZs, CIDRs) from config, so every invoke is refused except the two only the live account can
 * answer, which an adopting stack makes: who the caller is, and which buckets it owns where.
 */
export async function installMocks(env: MockEnvironment): Promise<ResourceRecorder> {
    const recorder = new ResourceRecorder();
    const peers = env.peers ?? {};
    const mocks: pulumi.runtime.Mocks = {
        newResource(args) {
            const inputs = args.inputs as pulumi.Inputs;
            const region = typeof inputs.region === "string" && inputs.region ? inputs.region : env.region;
            return mockOutput({
                type: args.type,
                name: args.name,
                inputs,
                accountId: env.accountId,
                region,
                peers,
                ...(args.id ? { id: args.id } : {}),
            });
        },
        call(args) {
            recorder.invokes.push(args.token);
            return answerInvoke(env, args.token, args.inputs as Record<string, unknown>);
        },
    };
    await pulumi.runtime.setMocks(
        mocks,
        env.project ?? "s3-multiregion",
        env.stack,
        false,
        env.organization ?? "organization",
    );

    let rootUrn: string | undefined;
    onRegistration(({ method, req, resp, inputs, outputs }) => {
        // The root stack is the CLI's frame, not part of the program (a plan lists what the program declares).
        if (req.getType() === "pulumi:pulumi:Stack") {
            rootUrn = resp.getUrn();
            return;
        }
        const parent = req.getParent() || undefined;
        recorder.resources.push({
            urn: engineUrn(resp.getUrn()),
            type: req.getType(),
            name: req.getName(),
            custom: method === "readResource" ? true : req.getCustom(),
            read: method === "readResource",
            id: resp.getId?.() || req.getId?.() || undefined,
            parent: parent === undefined || parent === rootUrn ? undefined : engineUrn(parent),
            dependencies: (req.getDependenciesList?.() ?? []).map(engineUrn),
            provider: req.getProvider() ? engineUrn(req.getProvider()) : undefined,
            protect: req.getProtect?.() ?? false,
            retainOnDelete: req.getRetainondelete?.() ?? false,
            inputs: cleanInputs(inputs),
            outputs: cleanInputs(outputs),
        });
    });
    onOutputsRegistered((urn, outputs) => recorder.registeredOutputs.set(engineUrn(urn), outputs));
    const options = await captureDeclaredOptions();
    current = { recorder, options };
    return recorder;
}

let current: { recorder: ResourceRecorder; options: Awaited<ReturnType<typeof captureDeclaredOptions>> } | undefined;

/** Waits until every pending registration has been answered and fills in each resource's declared options (await this before reading the recorder). */
export async function settle(): Promise<void> {
    await waitForRegistrations();
    if (current === undefined) return;
    const declared = await current.options.resolve();
    for (const r of current.recorder.resources) r.options = declared.get(r.urn) ?? {};
}

/**
 * Resolves an Output's value under mocks, rejecting when the Output fails (a `done` callback inside
 * `apply` would turn a failure into a timeout).
 */
export function valueOf<T>(o: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return outputValue(o);
}
