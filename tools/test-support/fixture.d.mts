export interface Fixture {
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, any>;
  components: Record<string, Record<string, any>>;
}
export declare const endUsersFixture: string;
export declare const trustProductsFixture: string;
export declare function loadFixture(file?: string): Fixture;
export declare const fixtureFiles: string[];
export declare function addFixtures(specText: string, files?: string[]): string;
export declare function addFixture(specText: string, fixture?: Fixture): string;
export declare function fixtureDocument<S extends { openapi: string; components?: object }>(spec: S, fixture?: Fixture): S;
