// Statements every regional data bucket (hub and secondaries) carries besides DenyInsecureTransport.
import { CommonConfig } from "../config/platformConfig";
import { NamedStatement } from "../components/iam/policyDocument";

/** Named statements for a regional data bucket; the replication and MRAP work adds its delegation here. */
export function dataBucketStatements(_cfg: CommonConfig, _bucketName: string): NamedStatement[] {
    return [];
}
