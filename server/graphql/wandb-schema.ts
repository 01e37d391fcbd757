/**
 * The subset of W&B's GraphQL schema that the stock `wandb` client (0.30) sends for runs and
 * artifacts: exactly the types, fields and arguments of its operations (docs/wandb.md lists them).
 * Field names and nullability follow W&B's, because the client's generated code depends on both.
 */
export const WANDB_SDL = /* GraphQL */ `
scalar JSONString
scalar DateTime
scalar Int64

enum ArtifactState { PENDING COMMITTED DELETED }
enum ArtifactDigestAlgorithm { MANIFEST_MD5 }
enum ArtifactManifestType { FULL INCREMENTAL PATCH }
enum ArtifactStorageLayout { V1 V2 }
enum CompleteMultipartAction { Complete }

type Query {
  viewer: User
  serverInfo: ServerInfo
  entity(name: String!): Entity
  project(name: String, entityName: String): Project
  model(name: String, entityName: String): Project
  artifact(id: ID!): Artifact
  clientIDMapping(clientID: ID!): ClientIDMapping
}

type Mutation {
  upsertBucket(input: UpsertBucketInput!): UpsertBucketPayload
  createRunFiles(input: CreateRunFilesInput!): CreateRunFilesPayload
  createArtifact(input: CreateArtifactInput!): CreateArtifactPayload
  createArtifactManifest(input: CreateArtifactManifestInput!): CreateArtifactManifestPayload
  updateArtifactManifest(input: UpdateArtifactManifestInput!): UpdateArtifactManifestPayload
  createArtifactFiles(input: CreateArtifactFilesInput!): CreateArtifactFilesPayload
  commitArtifact(input: CommitArtifactInput!): CommitArtifactPayload
  useArtifact(input: UseArtifactInput!): UseArtifactPayload
  addAliases(input: AddAliasesInput!): AliasesPayload
  deleteAliases(input: DeleteAliasesInput!): AliasesPayload
  updateArtifact(input: UpdateArtifactInput!): UpdateArtifactPayload
  completeMultipartUploadArtifact(input: CompleteMultipartUploadArtifactInput!): CompleteMultipartUploadArtifactPayload
}

type User {
  id: ID!
  name: String!
  username: String
  email: String
  admin: Boolean
  flags: JSONString
  entity: String
  deletedAt: DateTime
  apiKeys: ApiKeyConnection
  teams: EntityConnection
}
type ApiKey { id: ID! name: String! description: String }
type ApiKeyEdge { node: ApiKey }
type ApiKeyConnection { edges: [ApiKeyEdge!]! }
type EntityEdge { node: Entity }
type EntityConnection { edges: [EntityEdge!]! }
type Entity {
  id: ID!
  name: String!
  organization: Organization
  xxhashDigestsEnabled: Boolean!
}
type Organization { name: String! coreWeaveOrganizationId: String orgEntity: Entity }
type ServerFeature { name: String! isEnabled: Boolean! }
type ServerInfo { features: [ServerFeature!]! }
type ClientIDMapping { serverID: ID! }

type Project {
  id: ID!
  internalId: ID!
  name: String!
  entity: Entity!
  artifactType(name: String!): ArtifactType
  artifact(name: String!): Artifact
  artifactCollection(name: String!): ArtifactCollection
  artifactCollectionMembership(name: String!): ArtifactCollectionMembership
  bucket(name: String!, missingOk: Boolean): Run
}

type ArtifactType {
  id: ID!
  name: String!
  artifactCollection(name: String!): ArtifactCollection
}

type PageInfo { endCursor: String hasNextPage: Boolean! }

interface ArtifactCollection {
  id: ID!
  name: String!
  project: Project
  artifacts(after: String, first: Int, order: String, filters: JSONString): VersionedArtifactConnection
  artifactMembership(aliasName: String!): ArtifactCollectionMembership
}
type ArtifactSequence implements ArtifactCollection {
  id: ID!
  name: String!
  project: Project
  digestAlgorithm: ArtifactDigestAlgorithm!
  latestArtifact: Artifact
  artifacts(after: String, first: Int, order: String, filters: JSONString): VersionedArtifactConnection
  artifactMembership(aliasName: String!): ArtifactCollectionMembership
}
type VersionedArtifactEdge { version: String! cursor: String node: Artifact! }
type VersionedArtifactConnection { totalCount: Int! pageInfo: PageInfo! edges: [VersionedArtifactEdge!]! }

type ArtifactCollectionMembership {
  id: ID!
  versionIndex: Int
  createdAt: DateTime!
  aliases: [ArtifactAlias!]!
  artifactCollection: ArtifactCollection
  artifact: Artifact
  files(names: [String!], after: String, first: Int): FileConnection
}

type ArtifactAlias { id: ID! alias: String! artifactCollection: ArtifactCollection }
type Tag { id: ID! name: String! }

type Artifact {
  id: ID!
  artifactSequence: ArtifactSequence!
  versionIndex: Int
  artifactType: ArtifactType!
  description: String
  metadata: JSONString
  ttlDurationSeconds: Int64!
  ttlIsInherited: Boolean!
  tags: [Tag!]!
  historyStep: Int64
  state: ArtifactState!
  size: Int64!
  digest: String!
  digestAlgorithm: ArtifactDigestAlgorithm
  commitHash: String
  fileCount: Int64!
  createdAt: DateTime!
  updatedAt: DateTime
  aliases: [ArtifactAlias!]!
  currentManifest: ArtifactManifest
  files(names: [String!], after: String, first: Int): FileConnection
  filesByManifestEntries(storageLayout: String!, manifestVersion: String!, entries: [ArtifactManifestEntryInput!], storageRegion: String): FileConnection
}

type ArtifactManifest { id: ID! file: File! }

type UploadUrlPart { partNumber: Int64! uploadUrl: String! }
type UploadMultipartUrls { uploadID: String! uploadUrlParts: [UploadUrlPart!]! }
type File {
  id: ID!
  name: String!
  displayName: String!
  url: String
  directUrl: String!
  sizeBytes: Int64!
  storagePath: String
  mimetype: String
  updatedAt: DateTime
  digest: String
  md5: String
  uploadUrl: String
  uploadHeaders: [String!]!
  uploadMultipartUrls: UploadMultipartUrls
  artifact: Artifact
}
type FileEdge { node: File cursor: String }
type FileConnection { totalCount: Int pageInfo: PageInfo! edges: [FileEdge!]! }

type Run {
  id: ID!
  name: String!
  displayName: String
  description: String
  config: JSONString
  summaryMetrics: JSONString
  sweepName: String
  project: Project
  historyLineCount: Int
  logLineCount: Int
  eventsLineCount: Int
  historyTail: String
  eventsTail: String
  tags: [String!]!
  notes: String
  wandbConfig(keys: [String!]): JSONString
}

input UpsertBucketInput {
  id: String
  name: String
  groupName: String
  modelName: String
  entityName: String
  description: String
  displayName: String
  notes: String
  config: JSONString
  commit: String
  host: String
  debug: Boolean
  jobProgram: String
  jobRepo: String
  jobType: String
  state: String
  sweep: String
  tags: [String!]
  summaryMetrics: JSONString
  clientMutationId: String
}
type UpsertBucketPayload { bucket: Run inserted: Boolean }

input CreateRunFilesInput { entityName: String! projectName: String! runName: String! files: [String!]! clientMutationId: String }
type RunFileUpload { name: String! uploadUrl: String }
type CreateRunFilesPayload { runID: ID! uploadHeaders: [String!]! files: [RunFileUpload!]! }

input ArtifactAliasInput { alias: String! artifactCollectionName: String! }
input ArtifactCollectionAliasInput { alias: String! artifactCollectionName: String! entityName: String! projectName: String! }
input TagInput { tagName: String! tagCategoryName: String attributes: JSONString }

input CreateArtifactInput {
  aliases: [ArtifactAliasInput!]
  artifactCollectionName: String!
  artifactCollectionNames: [String!]
  artifactTypeName: String!
  clientID: ID
  clientMutationId: String
  description: String
  digest: String!
  digestAlgorithm: ArtifactDigestAlgorithm
  distributedID: String
  enableDigestDeduplication: Boolean
  entityName: String!
  historyStep: Int64
  labels: JSONString
  metadata: JSONString
  projectName: String!
  runName: String
  sequenceClientID: ID
  storageRegion: String
  tags: [TagInput!]
  ttlDurationSeconds: Int64
}
type CreateArtifactPayload { artifact: Artifact! }

input CreateArtifactManifestInput {
  artifactID: ID!
  baseArtifactID: ID
  name: String!
  digest: String!
  entityName: String!
  projectName: String!
  runName: String!
  type: ArtifactManifestType
  clientMutationId: String
}
type CreateArtifactManifestPayload { artifactManifest: ArtifactManifest! }
input UpdateArtifactManifestInput { artifactManifestID: ID! digest: String baseArtifactID: ID clientMutationId: String }
type UpdateArtifactManifestPayload { artifactManifest: ArtifactManifest! }

input UploadPartsInput { hexMD5: String! partNumber: Int64! }
input CreateArtifactFileSpecInput {
  artifactID: ID!
  artifactManifestID: ID
  md5: String!
  mimetype: String
  name: String!
  uploadPartsInput: [UploadPartsInput!]
}
input CreateArtifactFilesInput { artifactFiles: [CreateArtifactFileSpecInput!]! storageLayout: ArtifactStorageLayout! cloudRegionID: String clientMutationId: String }
type CreateArtifactFilesPayload { files: FileConnection! }

input ArtifactManifestEntryInput { birthArtifactID: ID digest: String! name: String! ref: String size: Int64 }

input CommitArtifactInput { artifactID: ID! clientMutationId: String }
type CommitArtifactPayload { artifact: Artifact! }

input UseArtifactInput {
  artifactEntityName: String
  artifactID: ID!
  artifactProjectName: String
  clientMutationId: String
  entityName: String!
  projectName: String!
  runName: String!
  usedAs: String
}
type UseArtifactPayload { artifact: Artifact! }

input AddAliasesInput { aliases: [ArtifactCollectionAliasInput!]! artifactID: ID! clientMutationId: String }
input DeleteAliasesInput { aliases: [ArtifactCollectionAliasInput!]! artifactID: ID! clientMutationId: String }
type AliasesPayload { success: Boolean! }

input UpdateArtifactInput {
  aliases: [ArtifactAliasInput!]
  artifactID: ID!
  clientMutationId: String
  description: String
  labels: JSONString
  metadata: JSONString
  tagsToAdd: [TagInput!]
  tagsToDelete: [TagInput!]
  ttlDurationSeconds: Int64
}
type UpdateArtifactPayload { artifact: Artifact! }

input CompleteMultipartUploadArtifactInput {
  completeMultipartAction: CompleteMultipartAction!
  completedParts: [UploadPartsInput!]!
  artifactID: ID!
  storagePath: String!
  uploadID: String!
  clientMutationId: String
}
type CompleteMultipartUploadArtifactPayload { digest: String }
`;
