// How a check inside an Output fails a deployment under mocks: a resource's inputs cannot be serialized.
//
// The rejection happens while the SDK serializes the inputs, outside any await of the program or the test, so it
// surfaces as an unhandled rejection (verifier/evaluateChild.ts reports a failed stack the same way). The failed
// resource never finishes registering: a test that expects this must not `settle()` afterwards.

/**
 * The cause of the next unhandled rejection, without the serializer's `error serializing property "x": ` chain in
 * front of it (the plan reports it the same way), or a rejection naming `timeoutMs` when none comes.
 */
export function nextRegistrationFailure(timeoutMs = 10000): Promise<string> {
    return new Promise((resolve, reject) => {
        const listener = (reason: unknown) => {
            clearTimeout(timer);
            process.off("unhandledRejection", listener);
            const message = reason instanceof Error ? reason.message : String(reason);
            resolve(message.replace(/^(error serializing property "[^"]*": )+/, ""));
        };
        const timer = setTimeout(() => {
            process.off("unhandledRejection", listener);
            reject(new Error(`no registration failed within ${timeoutMs} ms`));
        }, timeoutMs);
        process.on("unhandledRejection", listener);
    });
}
