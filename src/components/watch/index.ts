export { ExpectedStrip, type ExpectedStripProps } from "./expected-strip";
