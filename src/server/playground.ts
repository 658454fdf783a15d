/**
 * The GraphiQL page served at GET /graphql for browsers. render-graphiql inlines the whole
 * editor (scripts, styles, workers), so the page loads nothing from outside this server.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export const EXAMPLE_QUERY = `# Ctrl+Enter (or ▶) runs the query
{
  users(first: 5) {
    totalCount
    edges {
      node {
        handle
        followers {
          totalCount
        }
      }
    }
  }
}
`;

/** With the dev auth header on, the Headers tab starts with it, to be filled with a handle. */
export function playgroundHtml(endpoint: string, devUserHeader: string | null): string {
  return renderGraphiQL({
    title: 'Social commerce GraphQL',
    endpoint,
    defaultQuery: EXAMPLE_QUERY,
    headers: devUserHeader ? JSON.stringify({ [devUserHeader]: '' }, null, 2) : undefined,
  });
}
