import { describe, expect, it } from "vitest";
import { defineCollection, type Change } from "./collection.ts";
import { Database, type Lists } from "./database.ts";

interface Pet {
  id: string;
  name: string;
  owner: string | null;
  updated_at: string;
}

const pets = defineCollection<Pet>()({
  name: "pets",
  key: (pet) => pet.id,
  indexes: {
    name: { of: (pet) => pet.name, normalize: (name) => name.toLowerCase(), unique: true },
    owner: { of: (pet) => pet.owner },
  },
});

const OLD = "2020-01-01T00:00:00.000Z";

function open(data: Lists = { version: 1 }, failSave = { next: false }) {
  const saved: Lists[] = [];
  const hookErrors: unknown[] = [];
  const db = new Database(
    data,
    (lists) => {
      if (failSave.next) {
        failSave.next = false;
        throw new Error("ENOSPC: no space left on device");
      }
      saved.push(structuredClone(lists));
    },
    (error) => hookErrors.push(error),
  );
  const collection = db.collection(pets);
  const changes: Change<Pet>[] = [];
  collection.onChange((change) => changes.push(change));
  return { db, pets: collection, saved, changes, hookErrors, failSave };
}

const rex = (): Pet => ({ id: "pet_1", name: "Rex", owner: "ann", updated_at: OLD });
const tom = (): Pet => ({ id: "pet_2", name: "Tom", owner: "ann", updated_at: OLD });

describe("Collection", () => {
  it("finds records by key and by index, the index value normalized as declared", () => {
    const { pets: c } = open();
    c.insert(rex());
    c.insert(tom());
    expect(c.get("pet_1")?.name).toBe("Rex");
    expect(c.find("name", "REX")?.id).toBe("pet_1");
    expect(c.findBy("owner", "ann").map((p) => p.id)).toEqual(["pet_1", "pet_2"]);
    expect(c.list((p) => p.name.startsWith("T")).map((p) => p.id)).toEqual(["pet_2"]);
    expect(c.findBy("owner", "nobody")).toEqual([]);
  });

  it("keeps its indexes right across updates and deletes, and stamps updated_at", () => {
    const { pets: c } = open();
    c.insert(rex());
    c.insert(tom());
    const updated = c.update("pet_1", { name: "Max", owner: "bo" });
    expect(updated.updated_at).not.toBe(OLD);
    expect(c.find("name", "rex")).toBeUndefined();
    expect(c.find("name", "max")?.id).toBe("pet_1");
    expect(c.findBy("owner", "ann").map((p) => p.id)).toEqual(["pet_2"]);
    expect(c.findBy("owner", "bo").map((p) => p.id)).toEqual(["pet_1"]);
    expect(c.delete("pet_2")?.id).toBe("pet_2");
    expect(c.delete("pet_2")).toBeUndefined();
    expect(c.findBy("owner", "ann")).toEqual([]);
    expect(c.get("pet_2")).toBeUndefined();
    expect(c.list().map((p) => p.id)).toEqual(["pet_1"]);
  });

  it("refuses a duplicate key or unique value, and a change of key, leaving everything as it was", () => {
    const { pets: c, saved } = open();
    c.insert(rex());
    c.insert(tom());
    const saves = saved.length;
    expect(() => c.insert(rex())).toThrow("pets: pet_1 already exists");
    expect(() => c.insert({ ...tom(), id: "pet_3", name: "rex" })).toThrow('pets: pet_1 already has name "rex"');
    expect(() => c.update("pet_2", { name: "REX" })).toThrow('already has name "rex"');
    expect(() => c.update("pet_2", { id: "pet_9" })).toThrow("the key of pet_2 cannot change");
    expect(c.find("name", "tom")?.id).toBe("pet_2");
    expect(c.get("pet_3")).toBeUndefined();
    expect(c.list()).toHaveLength(2);
    expect(saved).toHaveLength(saves);
  });

  it("undoes a change whose save fails, indexes included, and its hooks hear nothing", () => {
    const { db, pets: c, changes, failSave } = open();
    c.insert(rex());
    changes.length = 0;
    failSave.next = true;
    expect(() =>
      db.atomically(() => {
        c.update("pet_1", { name: "Max", owner: "bo" });
        c.insert(tom());
      }),
    ).toThrow("ENOSPC");
    expect(changes).toEqual([]);
    expect(c.get("pet_1")?.name).toBe("Rex");
    expect(c.find("name", "rex")?.id).toBe("pet_1");
    expect(c.find("name", "max")).toBeUndefined();
    expect(c.findBy("owner", "bo")).toEqual([]);
    expect(c.get("pet_2")).toBeUndefined();
    // The live records were replaced by the copy taken before: the collection serves those now.
    expect(c.update("pet_1", { owner: "cy" }).owner).toBe("cy");
    expect(c.findBy("owner", "cy").map((p) => p.id)).toEqual(["pet_1"]);
    // The next saved change is heard alone: nothing of the undone one is left waiting.
    expect(changes.map((ch) => [ch.kind, ch.before?.owner, ch.after?.owner])).toEqual([["updated", "ann", "cy"]]);
  });

  it("undoes a change that throws, and its hooks hear nothing", () => {
    const { db, pets: c, changes } = open();
    expect(() =>
      db.atomically(() => {
        c.insert(rex());
        throw new Error("changed my mind");
      }),
    ).toThrow("changed my mind");
    expect(c.list()).toEqual([]);
    expect(c.find("name", "rex")).toBeUndefined();
    expect(changes).toEqual([]);
  });

  it("tells the hooks once per record, after the save, with copies of before and after", () => {
    const { db, pets: c, changes, saved } = open();
    const savesWhenHeard: number[] = [];
    c.onChange(() => savesWhenHeard.push(saved.length));
    c.insert(rex());
    expect(changes).toEqual([{ collection: "pets", kind: "created", before: null, after: rex() }]);
    expect(savesWhenHeard).toEqual([1]);

    changes.length = 0;
    db.atomically(() => {
      c.update("pet_1", { owner: "bo" });
      c.update("pet_1", { owner: "cy" });
      c.insert(tom());
      c.update("pet_2", { owner: "bo" });
      c.insert({ id: "pet_3", name: "Gone", owner: null, updated_at: OLD });
      c.delete("pet_3");
    });
    expect(changes.map((ch) => [ch.kind, ch.before?.owner, ch.after?.owner])).toEqual([
      ["updated", "ann", "cy"],
      ["created", undefined, "bo"],
    ]);
    // Copies: changing the live record later does not change what a hook was told.
    c.update("pet_1", { owner: "dee" });
    expect(changes[0]!.after?.owner).toBe("cy");

    changes.length = 0;
    c.deleteWhere((p) => p.owner === "bo");
    expect(changes).toEqual([{ collection: "pets", kind: "deleted", before: expect.objectContaining({ id: "pet_2" }), after: null }]);
  });

  it("keeps telling the other hooks, and reports, when a hook throws: the change stays saved", () => {
    const { pets: c, changes, hookErrors, saved } = open();
    c.onChange(() => {
      throw new Error("hook broke");
    });
    const after: string[] = [];
    c.onChange((change) => after.push(change.kind));
    c.insert(rex());
    expect(hookErrors).toEqual([new Error("hook broke")]);
    expect(changes).toHaveLength(1);
    expect(after).toEqual(["created"]);
    expect(saved.at(-1)?.pets).toEqual([rex()]);
  });

  it("stops telling a hook that unsubscribed", () => {
    const { pets: c } = open();
    const heard: string[] = [];
    const stop = c.onChange((change) => heard.push(change.kind));
    c.insert(rex());
    stop();
    c.delete("pet_1");
    expect(heard).toEqual(["created"]);
  });

  it("starts a list the data does not have yet empty, and reads the one it has", () => {
    const { pets: c, db } = open({ version: 1, other: [] });
    expect(c.list()).toEqual([]);
    c.insert(rex());
    expect(db.snapshot.pets).toEqual([rex()]);
    const reopened = open({ version: 1, pets: [rex(), tom()] });
    expect(reopened.pets.find("name", "tom")?.id).toBe("pet_2");
  });

  it("runs afterCommit callbacks only once the change is saved", () => {
    const { db, pets: c, failSave } = open();
    const ran: string[] = [];
    db.atomically(() => {
      c.insert(rex());
      db.afterCommit(() => ran.push("saved"));
      expect(ran).toEqual([]);
    });
    failSave.next = true;
    expect(() => db.atomically(() => db.afterCommit(() => ran.push("undone")))).toThrow("ENOSPC");
    expect(ran).toEqual(["saved"]);
  });
});
