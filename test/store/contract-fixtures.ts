export * from "../../src/testing/fixtures";
