// Plays the CLI's part for config: merges Pulumi.yaml defaults with a stack file into the runtime's string map.
import { PROJECT_NAME } from "../config/stackFiles";

/** The merge lives beside the stack files so that the operations commands read a stack the same way. */
export { mergedStackConfig } from "../config/stackFiles";

/** Account the stack deploys into, for realistic ARNs in mock outputs. */
export function stackAccountId(config: Record<string, string>): string {
    const role = config[`${PROJECT_NAME}:role`];
    const key = role === "destination" ? "destinationAccountId" : "sourceAccountId";
    return config[`${PROJECT_NAME}:${key}`] ?? "000000000000";
}
