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

export function playgroundHtml(endpoint: string): string {
  return renderGraphiQL({ title: 'Social commerce GraphQL', endpoint, defaultQuery: EXAMPLE_QUERY });
}
