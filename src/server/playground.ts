/**
 * The GraphiQL page served at GET /graphql for browsers. render-graphiql inlines the whole
 * editor (scripts, styles, workers), so the page loads nothing from outside this server.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { DEV_ROLES_HEADER, DEV_USER_HEADER } from './auth/dev-header';
import type { Store } from '../store/contract';

/** What a community manager asks first; `handle` names a user for the recommendations. */
export function exampleOperations(handle: string): string {
  return `# Ctrl+Enter (or ▶) runs the operation under the cursor; ▶ offers a list otherwise.
# In development the Headers tab signs you in as a demo manager.

query OpinionLeaders {
  opinionLeaders(first: 5) {
    modelVersion
    edges {
      rank
      score
      percentile
      node { handle displayName }
      explanation {
        followersReached
        followersEngaged
        topCategories { name }
        examples { daysLater product { name } follower { handle } }
      }
    }
  }
}

query CommunitiesWithForecasts {
  communities(first: 3, sort: ENGAGEMENT) {
    modelVersion
    edges {
      node {
        label
        size
        topCategories { name }
        opinionLeaders(first: 3) { handle }
        engagement(periods: 4) { period reviews shares activeMembers }
        engagementForecast(periods: 4) { period expected low high }
      }
    }
  }
}

query Recommendations {
  user(handle: ${JSON.stringify(handle)}) {
    handle
    community { label }
    influence { rank percentile }
    recommendedProducts(first: 5) {
      source
      modelVersion
      edges {
        score
        node { name category { name } }
        reason { followedUsers { handle } similarTo { name } }
      }
    }
  }
}

query People {
  users(first: 5, sort: MOST_FOLLOWED) {
    totalCount
    edges { node { handle followers { totalCount } } }
  }
}
`;
}

/**
 * With the dev auth header on, the Headers tab starts signed in as `demoHandle` with the manager
 * role, so every example answers at once.
 */
export function playgroundHtml(endpoint: string, devHeaders: boolean, demoHandle: string): string {
  return renderGraphiQL({
    title: 'Social commerce GraphQL',
    endpoint,
    defaultQuery: exampleOperations(demoHandle),
    headers: devHeaders ? JSON.stringify({ [DEV_USER_HEADER]: demoHandle, [DEV_ROLES_HEADER]: 'manager' }, null, 2) : undefined,
  });
}

/** The demo's best-known person (most followers), or '' for an empty store. */
export async function demoHandle(store: Store): Promise<string> {
  const { items } = await store.users.list({ filter: {}, sort: 'MOST_FOLLOWED', page: { offset: 0, limit: 1 } });
  return items[0]?.handle ?? '';
}
