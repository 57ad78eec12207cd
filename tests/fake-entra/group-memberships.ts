// Who is in which group: the generated memberships, and what tests changed since. A group's direct members
// are users and groups; its transitive users are those of the group and of every group nested in it.
import type { FakeUser, TenantShape } from "./generated-objects";
import { GENERATED_NESTING, generatedGroupIndexesOfUser, type FakeGroup } from "./groups";
import { objectId } from "./ids";
import type { ObjectCollection } from "./object-collection";

export class GroupMemberships {
  /** Users whose groups a test changed: their direct groups, in place of the generated ones. */
  private readonly changedUsers = new Map<number, Set<string>>();
  /** The groups nested directly in each group. */
  private readonly nested = new Map<string, Set<string>>();

  constructor(
    private readonly shape: TenantShape,
    private readonly users: ObjectCollection<FakeUser>,
    private readonly groups: ObjectCollection<FakeGroup>,
  ) {
    for (const [parent, child] of GENERATED_NESTING) this.childSet(this.groupIdAt(parent)).add(this.groupIdAt(child));
  }

  directGroupIdsOfUser(userIndex: number): readonly string[] {
    const changed = this.changedUsers.get(userIndex);
    return changed
      ? [...changed]
      : generatedGroupIndexesOfUser(this.shape, userIndex).map((index) => this.groupIdAt(index));
  }

  /** The groups among a group's members: those nested directly, or (transitive) at any depth, each once. */
  memberGroupIds(groupId: string, transitive: boolean): string[] {
    const ids = transitive ? this.groupAndNested(groupId).slice(1) : [...(this.nested.get(groupId) ?? [])];
    return ids.filter((id) => this.groups.find(id)?.state === "active");
  }

  /** Whether a user (by index) is a direct member, or (transitive) a member of the group or of a group inside it. */
  userTest(groupId: string, transitive: boolean): (userIndex: number) => boolean {
    const scope = new Set(transitive ? this.groupAndNested(groupId) : [groupId]);
    return (userIndex) => this.directGroupIdsOfUser(userIndex).some((id) => scope.has(id));
  }

  /** Active users of the group and of its nested groups, each once, in index order. */
  transitiveUserIds(groupId: string): string[] {
    this.requireGroup(groupId);
    const isMember = this.userTest(groupId, true);
    const ids: string[] = [];
    for (let index = 0; index < this.users.end; index++) {
      const stored = this.users.at(index);
      if (stored.state === "active" && isMember(index)) ids.push(stored.value.id);
    }
    return ids;
  }

  /** Adds a user, or a group (nesting it), as a direct member. */
  add(groupId: string, memberId: string) {
    this.requireGroup(groupId);
    const userIndex = this.users.indexOf(memberId);
    if (userIndex !== null) {
      if (this.users.at(userIndex).state !== "active") throw new Error(`User ${memberId} is deleted`);
      const groups = this.changedUserSet(userIndex);
      if (groups.has(groupId)) throw new Error(`${memberId} is already a member of ${groupId}`);
      groups.add(groupId);
      return;
    }
    this.requireGroup(memberId);
    if (this.nested.get(groupId)?.has(memberId)) throw new Error(`${memberId} is already a member of ${groupId}`);
    if (this.groupAndNested(memberId).includes(groupId))
      throw new Error(`Adding ${memberId} to ${groupId} would nest ${groupId} in itself`);
    this.childSet(groupId).add(memberId);
  }

  remove(groupId: string, memberId: string) {
    this.requireGroup(groupId);
    const userIndex = this.users.indexOf(memberId);
    const removed =
      userIndex !== null
        ? this.changedUserSet(userIndex).delete(groupId)
        : Boolean(this.nested.get(groupId)?.delete(memberId));
    if (!removed) throw new Error(`${memberId} is not a direct member of ${groupId}`);
  }

  private groupAndNested(groupId: string): string[] {
    const found = [groupId];
    for (let i = 0; i < found.length; i++) {
      for (const child of this.nested.get(found[i]) ?? []) if (!found.includes(child)) found.push(child);
    }
    return found;
  }

  private groupIdAt(index: number) {
    return objectId(this.shape.tenantHash, "group", index);
  }

  private requireGroup(groupId: string) {
    if (this.groups.find(groupId)?.state !== "active") throw new Error(`No group with id ${groupId}`);
  }

  private childSet(groupId: string) {
    let children = this.nested.get(groupId);
    if (!children) this.nested.set(groupId, (children = new Set()));
    return children;
  }

  private changedUserSet(userIndex: number) {
    let groups = this.changedUsers.get(userIndex);
    if (!groups) this.changedUsers.set(userIndex, (groups = new Set(this.directGroupIdsOfUser(userIndex))));
    return groups;
  }
}
