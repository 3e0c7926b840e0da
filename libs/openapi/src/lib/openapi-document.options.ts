import type { RequestMethod } from '@nestjs/common';
import type { SecurityRequirementObject, SecuritySchemeObject } from '@nestjs/swagger';

// What a document is built from, apart from the code that builds it: the barrel exports these
// without loading @nestjs/swagger (see openapi.serving.ts).

/** Where each gateway serves its document: the Swagger UI page, and the JSON that clients generate from. */
export const OPENAPI_UI_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs-json';

/** The document's `info`: what the API is, and the version of its contract. */
export interface OpenApiInfo {
  title: string;
  /** The contract's own version (`info.version`): bump it with any change a client must adapt to. */
  version: string;
  /** Markdown: who the API is for, how it authenticates, how its errors look. */
  description: string;
}

/** A route as the document sees it, for `describeRoute`. */
export interface DocumentedRoute {
  method: RequestMethod;
  /** The route's metadata under `key`: the handler's, else its controller's. */
  metadata<T>(key: string): T | undefined;
}

/** What a route's operation gets besides what its own decorators say. */
export interface RouteDocumentation {
  /** Its security requirements, in order (none: a public route, documented as `security: []`). */
  security: SecurityRequirementObject[];
  /** Errors it can answer, by status; one the route documents itself keeps its own wording. */
  errors: Record<number, string>;
}

export interface OpenApiDocumentOptions {
  info: OpenApiInfo;
  /** `servers`, after `/` (the server that serves the document). @default [] */
  servers?: Array<{ url: string; description: string }>;
  /** `components.securitySchemes`, by name. @default {} */
  securitySchemes?: Record<string, SecuritySchemeObject>;
  /** What every route shares, derived from its metadata (the same the guards read), rather than written on each. */
  describeRoute?: (route: DocumentedRoute) => RouteDocumentation;
  /** `If-None-Match`, 304 and the 200's `ETag` on every GET except the pass-through ones. @default false */
  conditionalGets?: boolean;
  /** Only the paths under this prefix are documented. @default '/api' */
  pathPrefix?: string;
}
