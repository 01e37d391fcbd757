/** `getNextPageParam` of every cursor-paged list: the server says where the next page starts (null at the end). */
export const nextCursor = <T extends { nextCursor: unknown }>(last: T): T["nextCursor"] => last.nextCursor;
