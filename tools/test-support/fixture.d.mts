export interface Fixture {
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, any>;
  components: Record<string, Record<string, any>>;
}
export declare const endUsersFixture: string;
export declare function loadFixture(file?: string): Fixture;
export declare function addFixture(specText: string, fixture?: Fixture): string;
export declare function fixtureDocument<S extends { openapi: string; components?: object }>(spec: S, fixture?: Fixture): S;
