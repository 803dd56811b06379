export * from "../../src/testing/store-contract";
