import { print, type GraphQLError, type OperationDefinitionNode } from 'graphql';

/** A top-level error as the Admin API writes it (graphql-ruby wording and extension codes). */
export type ShopifyGraphqlError = {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
};

type Rewrite = [RegExp, (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> }];

// graphql-js and graphql-ruby (which Shopify runs) word the same validation failures differently;
// clients and their tests match on Shopify's wording and codes, so we translate the common ones.
const REWRITES: Rewrite[] = [
  [/^Cannot query field "(\w+)" on type "(\w+)"/, (m) => ({
    message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
    extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
  })],
  [/^Unknown argument "(\w+)" on field "\w+\.(\w+)"/, (m) => ({
    message: `Field '${m[2]}' doesn't accept argument '${m[1]}'`,
    extensions: { code: 'argumentNotAccepted', name: m[2], typeName: 'Field', argumentName: m[1] },
  })],
  [/^Field "\w+\.(\w+)" argument "(\w+)" of type "[^"]+" is required/, (m) => ({
    message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
    extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
  })],
  [/^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/, (m) => ({
    message: `Field must have selections (field '${m[1]}' returns ${m[2]?.replace(/[!\[\]]/g, '')} but has no selections. Did you mean '${m[1]} { ... }'?)`,
    extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2]?.replace(/[!\[\]]/g, '') },
  })],
  [/^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/, (m) => ({
    message: `Selections can't be made on scalars (field '${m[1]}' returns ${m[2]} but has selections)`,
    extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2] },
  })],
  [/^Unknown type "(\w+)"/, (m) => ({
    message: `No such type ${m[1]}, so it can't be a fragment condition`,
    extensions: { code: 'undefinedType', typeName: m[1] },
  })],
  [/^Variable "\$(\w+)" is never used/, (m) => ({
    message: `Variable $${m[1]} is declared but not used`,
    extensions: { code: 'variableNotUsed', variableName: m[1] },
  })],
  [/^Variable "\$(\w+)" is not defined/, (m) => ({
    message: `Variable $${m[1]} is used but not declared`,
    extensions: { code: 'variableNotDefined', variableName: m[1] },
  })],
  [/^Unknown fragment "(\w+)"/, (m) => ({
    message: `Fragment ${m[1]} was used, but not defined`,
    extensions: { code: 'useAndDefineFragment', fragmentName: m[1] },
  })],
  [/^Fragment "(\w+)" is never used/, (m) => ({
    message: `Fragment ${m[1]} was defined, but not used`,
    extensions: { code: 'useAndDefineFragment', fragmentName: m[1] },
  })],
];

const locationsOf = (error: GraphQLError) => error.locations?.map(({ line, column }) => ({ line, column }));

/** Validation errors in Shopify's shape; unknown kinds keep graphql-js's message under a generic code. */
export function toValidationErrors(errors: readonly GraphQLError[]): ShopifyGraphqlError[] {
  return errors.map((error) => {
    for (const [pattern, rewrite] of REWRITES) {
      const match = pattern.exec(error.message);
      if (match) return { ...rewrite(match), locations: locationsOf(error) };
    }
    return { message: error.message, locations: locationsOf(error), extensions: { code: 'validationFailed' } };
  });
}

/** A syntax error, worded like graphql-ruby's parser. */
export function toParseError(error: GraphQLError): ShopifyGraphqlError {
  const location = error.locations?.[0];
  const found = /found (.+?)\.?$/.exec(error.message)?.[1] ?? 'end of file';
  return {
    message: `Parse error on ${found}${location ? ` at [${location.line}, ${location.column}]` : ''}`,
    locations: locationsOf(error),
  };
}

/** Variable coercion failures, e.g. a missing `$id`, in Shopify's "provided invalid value" form. */
export function toVariableErrors(errors: readonly GraphQLError[], operation: OperationDefinitionNode): ShopifyGraphqlError[] {
  return errors.map((error) => {
    const name = /Variable "\$(\w+)"/.exec(error.message)?.[1];
    const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
    const missing = /was not provided|must not be null/.test(error.message);
    return {
      message: `Variable $${name ?? '?'} of type ${definition ? print(definition.type) : '?'} was provided invalid value`,
      locations: locationsOf(error),
      extensions: {
        value: null,
        problems: [{ path: [], explanation: missing ? 'Expected value to not be null' : error.message.replace(/^[^;]*; /, '') }],
      },
    };
  });
}

/** Errors raised while resolving fields. */
export function toExecutionError(error: GraphQLError): ShopifyGraphqlError {
  return {
    message: error.message,
    locations: locationsOf(error),
    path: error.path,
    ...(error.extensions && Object.keys(error.extensions).length ? { extensions: { ...error.extensions } } : {}),
  };
}
