// Every reach into @pulumi/pulumi beyond its documented API, in one place, for the offline recorder (checked by test/verifier/pulumiSdk.test.ts).
//
// The public mock API (`pulumi.runtime.setMocks`) hands `newResource` neither the parent nor the
// dependencies of a resource, offers no way to wait for pending registrations, and has no public
// accessor for an Output's value that rejects when the Output fails. The plan's resource tree, the
// policy pack and the tests need all three, so this module takes them from the SDK's internals, as
// they are in the pinned version. An upgrade that changes them fails the adapter's test by name.
import * as pulumi from "@pulumi/pulumi";

/** The @pulumi/pulumi version these internals were read from (package.json pins it: 3.249+ needs Node 22). */
export const PULUMI_VERSION_WRITTEN_FOR = "3.248.0";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void> };

/** A RegisterResource / ReadResource request of the resource monitor protocol, as the mock monitor receives it. */
export interface MonitorRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject?(): unknown;
    getProperties?(): unknown;
    getDependenciesList?(): string[];
    getProtect?(): boolean;
    getRetainondelete?(): boolean;
    getId?(): string;
}

export interface MonitorResponse {
    getUrn(): string;
    getId?(): string;
    getObject?(): unknown;
    getProperties?(): unknown;
}

type MonitorCallback = (err: unknown, resp?: MonitorResponse) => void;
type MonitorMethod = (req: MonitorRequest, cb: MonitorCallback) => void;

/** One answered registration: the request, the mock monitor's answer and which call it was. */
export interface Registration {
    method: "registerResource" | "readResource";
    req: MonitorRequest;
    resp: MonitorResponse;
    /** The resource's inputs, deserialized. */
    inputs: Record<string, unknown>;
    /** The mock's answer, deserialized. */
    outputs: Record<string, unknown>;
}

/**
 * Calls `listener` after every registration the mock monitor answers. Call after `setMocks`: the
 * monitor object is the one `setMocks` installed, and its two methods are wrapped in place.
 */
export function onRegistration(listener: (r: Registration) => void): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as Partial<Record<Registration["method"], MonitorMethod>>;
    const wrap = (
        method: Registration["method"],
        inputsOf: (req: MonitorRequest) => unknown,
        outputsOf: (resp: MonitorResponse) => unknown,
    ) => {
        const original = monitor[method];
        if (typeof original !== "function") throw new Error(internalsChanged(`the mock monitor has no ${method}`));
        const bound = original.bind(monitor);
        monitor[method] = (req, cb) =>
            bound(req, (err, resp) => {
                if (!err && resp) {
                    listener({
                        method,
                        req,
                        resp,
                        inputs: deserialize(inputsOf(req)),
                        outputs: deserialize(outputsOf(resp)),
                    });
                }
                cb(err, resp);
            });
    };
    wrap(
        "registerResource",
        (req) => req.getObject?.(),
        // Stryker disable next-line OptionalChaining: every RegisterResourceResponse of the pinned SDK has getObject; the guard is for another version's shape
        (resp) => resp.getObject?.(),
    );
    wrap(
        "readResource",
        (req) => req.getProperties?.(),
        (resp) => resp.getProperties?.(),
    );
}

/** A RegisterResourceOutputs request: what a component passed to `registerOutputs`, as the mock monitor receives it. */
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): unknown;
}

/**
 * Calls `listener` with a component's URN and the outputs it registered, after the mock monitor took them (the
 * engine keeps them in the component's state). Call after `setMocks`, like `onRegistration`.
 */
export function onOutputsRegistered(listener: (urn: string, outputs: Record<string, unknown>) => void): void {
    type Method = (req: OutputsRequest, cb: (err: unknown, resp?: unknown) => void) => void;
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResourceOutputs?: Method };
    const original = monitor.registerResourceOutputs;
    if (typeof original !== "function")
        throw new Error(internalsChanged("the mock monitor has no registerResourceOutputs"));
    const bound = original.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) =>
        bound(req, (err, resp) => {
            if (!err) listener(req.getUrn(), deserialize(req.getOutputs()));
            cb(err, resp);
        });
}

/** A protobuf Struct of the resource protocol as plain values (exported by the SDK's runtime, not documented). */
function deserialize(struct: unknown): Record<string, unknown> {
    if (struct === undefined) return {};
    return pulumi.runtime.deserializeProperties(struct as Parameters<typeof pulumi.runtime.deserializeProperties>[0]);
}

/** Waits until every pending registration has been answered. */
export function waitForRegistrations(): Promise<void> {
    if (typeof settings.waitForRPCs !== "function")
        throw new Error(internalsChanged("runtime/settings has no waitForRPCs"));
    return settings.waitForRPCs();
}

/** An Output's value, rejecting when the Output fails (`promise()` is the SDK's internal accessor). */
export function outputValue<T>(o: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    const out = pulumi.output(o) as unknown as { promise?: () => Promise<pulumi.Unwrap<T>> };
    if (typeof out.promise !== "function") throw new Error(internalsChanged("Output has no promise()"));
    return out.promise();
}

/** The mock monitor names a root stack's children `<stack type>$<type>`; the engine leaves the root's type out. */
const ROOT_SEGMENT = "::pulumi:pulumi:Stack$";

/** A mock URN as the engine would write it (children of the root stack without the root's type). */
export function engineUrn(urn: string): string {
    return urn.split(ROOT_SEGMENT).join("::");
}

export function internalsChanged(what: string): string {
    return `verifier/pulumiSdk.ts was written for @pulumi/pulumi ${PULUMI_VERSION_WRITTEN_FOR}: ${what}; installed ${installedPulumiVersion()}`;
}

export function installedPulumiVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}
