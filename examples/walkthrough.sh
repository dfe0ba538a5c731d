#!/usr/bin/env bash
# The life of a complaint, against a running Recourse server, with curl and jq.
#
# Priya Shah was charged an overdraft fee twice. An agent logs her complaint, acknowledges it,
# investigates and proposes an upheld response with redress; a team leader approves it (four
# eyes) and the agent issues it; the remedies are settled. Priya disagrees, so the team leader
# escalates the complaint to stage 2 and gives it to a second handler, who answers it; it is
# closed. Priya refers it to the Financial Ombudsman Service, whose decision is recorded, and
# an analyst classifies the root cause. Every change names the version it was made against in
# `If-Match` and takes the new one from the answer's `ETag`.
#
#   RECOURSE_URL=http://127.0.0.1:8080 RECOURSE_BIN=target/debug/recourse examples/walkthrough.sh
#
# Environment:
#   RECOURSE_URL   the server's base URL (default http://127.0.0.1:8080)
#   RECOURSE_BIN   the recourse binary that mints the tokens (default: `recourse` on PATH).
#                  It must sign with the server's key: run it with the server's settings
#                  (DATABASE_URL or RECOURSE_JWT_SECRET_FILE) in the environment.
#   VERBOSE=1      print every answer in full
#
# Prints one line per step; exits non-zero, printing the answer, on any unexpected status.
set -euo pipefail

API="${RECOURSE_URL:-http://127.0.0.1:8080}"
API="${API%/}"
BIN="${RECOURSE_BIN:-recourse}"
VERBOSE="${VERBOSE:-0}"

for tool in curl jq; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "walkthrough: $tool is needed" >&2
        exit 2
    }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/recourse-walkthrough.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# --- helpers -----------------------------------------------------------------------------

fail() {
    echo "walkthrough: $*" >&2
    exit 1
}

# A token for a user of this walkthrough (each run uses fresh subjects, so that runs against
# the same server do not meet each other's complaints in a handler's list).
RUN=$(date +%s)-$$
mint() {
    local sub=$1 name=$2 role=$3 team=${4:-}
    local args=(token --sub "$sub-$RUN" --name "$name" --role "$role" --ttl 15m)
    [ -n "$team" ] && args+=(--team "$team")
    "$BIN" "${args[@]}" || fail "could not mint a token with '$BIN token'"
}

# call METHOD PATH TOKEN [BODY] [IF_MATCH]: sets STATUS, ETAG and OUT (the answer's body).
call() {
    local method=$1 path=$2 token=$3 body=${4:-} if_match=${5:-}
    local args=(-s -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}'
        -H "Authorization: Bearer $token")
    if [ -n "$body" ]; then
        args+=(-H 'Content-Type: application/json' --data-binary "$body")
    fi
    [ -n "$if_match" ] && args+=(-H "If-Match: $if_match")
    STATUS=$(curl "${args[@]}" "$API$path") || fail "$method $path: no answer from $API"
    OUT=$(cat "$TMP/body")
    ETAG=$(grep -i '^etag:' "$TMP/headers" | tail -n 1 | sed 's/^[^:]*: *//' | tr -d '\r' || true)
    if [ "$VERBOSE" = 1 ]; then
        echo "  $method $path -> $STATUS $ETAG"
        echo "$OUT" | jq . 2>/dev/null || echo "$OUT"
    fi
}

# expect STATUS WHAT: the last call answered STATUS, or the walkthrough stops.
expect() {
    local want=$1 what=$2
    if [ "$STATUS" != "$want" ]; then
        echo "walkthrough: $what: expected HTTP $want, got $STATUS" >&2
        echo "$OUT" | jq . >&2 2>/dev/null || echo "$OUT" >&2
        exit 1
    fi
}

# step N TEXT: one line of the story.
step() { printf '%2s. %s\n' "$1" "$2"; }

# act ACTION TOKEN BODY: a procedure action on the complaint, against its current version.
# Prints the state, stage and version it left the complaint in.
act() {
    local action=$1 token=$2 body=$3
    call POST "/v1/complaints/$ID/actions/$action" "$token" "$body" "$VERSION"
    expect 200 "$action"
    VERSION=$ETAG
    printf '    -> %s, stage %s, version %s\n' "$(jq -r .state <<<"$OUT")" "$(jq -r .stage <<<"$OUT")" "$VERSION"
}

# The complaint's state now, from the last answer.
state_is() {
    local want=$1 got
    got=$(jq -r .state <<<"$OUT")
    [ "$got" = "$want" ] || fail "expected the complaint to be $want, it is $got"
}

# --- the cast ----------------------------------------------------------------------------

AGENT=$(mint agent-asha "Asha Patel" agent north)
SECOND=$(mint agent-ben "Ben Okafor" agent north)
LEADER=$(mint lead-lena "Lena Novak" team_leader north)
ANALYST=$(mint analyst-ravi "Ravi Iyer" analyst)

echo "Recourse at $API"
call GET /healthz "$AGENT"
expect 200 "GET /healthz"

# A handler can be given a case once they have signed in; reading /v1/me is signing in.
for who in "$AGENT" "$SECOND" "$LEADER" "$ANALYST"; do
    call GET /v1/me "$who"
    expect 200 "GET /v1/me"
done

# --- stage 1 -----------------------------------------------------------------------------

# What the customer complained about is a category of a product from the catalogue.
call GET /v1/categories "$AGENT"
expect 200 "GET /v1/categories"
# The overdraft fee of the story if the catalogue still offers it, else its first active entry.
PICK='[.items[] | select(.active)] | (map(select(.product == "current_account" and .code == "fees")) + .)[0]'
PRODUCT=$(jq -r "$PICK | .product // empty" <<<"$OUT")
CATEGORY=$(jq -r "$PICK | .code // empty" <<<"$OUT")
if [ -z "$PRODUCT" ]; then
    echo "walkthrough: the catalogue has no active category to file a complaint under" >&2
    exit 1
fi
step 1 "log a complaint about $PRODUCT / $CATEGORY (agent)"
BODY=$(jq -n --arg product "$PRODUCT" --arg category "$CATEGORY" '{
    complainant: {name: "Priya Shah", email: "priya.shah@example.co.uk", phone: "+44 20 7946 0321"},
    channel: "phone",
    product: $product,
    category: $category,
    description: "I was charged the £25 unarranged-overdraft fee twice on 4 November. The branch said it would be refunded; it has not been.",
    remedy_sought: "Refund the duplicated fee.",
    profile: "fca_disp"
}')
call POST /v1/complaints "$AGENT" "$BODY"
expect 201 "log the complaint"
ID=$(jq -r .id <<<"$OUT")
VERSION=$ETAG
printf '    -> %s (%s), %s, version %s\n' "$(jq -r .reference <<<"$OUT")" "$ID" "$(jq -r .state <<<"$OUT")" "$VERSION"

step 2 "acknowledge it"
act acknowledge "$AGENT" '{"communication": {"channel": "email", "summary": "Acknowledged; reference and handler given."}}'

step 3 "start the investigation"
act start_investigation "$AGENT" '{"note": "Fee history and branch notes requested."}'

step 4 "propose an upheld response with redress, for approval"
act propose_response "$AGENT" '{
    "outcome": "upheld",
    "primary_cause": "PRC.HANDOFF",
    "remedies": [
        {"kind": "fee_refund_or_waiver", "amount_minor": 2500, "currency": "GBP", "description": "Refund of the duplicated fee."},
        {"kind": "distress_inconvenience_payment", "amount_minor": 5000, "currency": "GBP", "description": "For chasing the promised refund."},
        {"kind": "apology", "status": "completed", "description": "Apology in the response letter."}
    ],
    "note": "The branch refund request never reached the back office."
}'
state_is pending_approval

# Four eyes: a response waiting for approval is approved by a team leader who is not its
# handler; the handler cannot approve it.
call POST "/v1/complaints/$ID/actions/approve_response" "$AGENT" '{}' "$VERSION"
expect 409 "the handler approving their own response"
REFUSED=$(jq -r .reason <<<"$OUT")
step 5 "approve it (team leader; the handler's own approval was refused: $REFUSED)"
act approve_response "$LEADER" '{"note": "Redress is in line with policy."}'

step 6 "issue the approved response"
act issue_response "$AGENT" '{
    "outcome": "upheld",
    "communication": {"channel": "letter", "summary": "Final response: upheld, £75 redress, referral rights given."}
}'
state_is responded

step 7 "settle the remedies that are due"
call GET "/v1/complaints/$ID/remedies" "$AGENT"
expect 200 "list the remedies"
for remedy in $(jq -r '.items[] | select(.status == "due") | .id' <<<"$OUT"); do
    call POST "/v1/complaints/$ID/remedies/$remedy/settle" "$AGENT" \
        '{"status": "completed", "note": "Paid to the current account."}' "$VERSION"
    expect 200 "settle remedy $remedy"
    VERSION=$ETAG
    printf '    -> %s %s, version %s\n' "$(jq -r .kind <<<"$OUT")" "$(jq -r .status <<<"$OUT")" "$VERSION"
done

# A change against an old version is refused.
call POST "/v1/complaints/$ID/actions/escalate" "$LEADER" '{"reason": "stale"}' '"1"'
expect 412 "an action against an old version"
printf '    (an action against version "1" was refused: %s)\n' "$(jq -r .code <<<"$OUT")"

# --- stage 2 -----------------------------------------------------------------------------

step 8 "escalate to stage 2 (team leader: FCA DISP has one stage, so with a reason)"
act escalate "$LEADER" '{"reason": "The customer disagrees with the redress and asks for a review."}'
state_is escalated

step 9 "give stage 2 to another handler"
act assign "$LEADER" "$(jq -n --arg who "agent-ben-$RUN" '{assignee: $who}')"

step 10 "acknowledge the escalation (stage-2 handler)"
act acknowledge "$SECOND" '{"communication": {"channel": "email", "summary": "Review acknowledged."}}'

step 11 "investigate and answer at stage 2"
act start_investigation "$SECOND" '{}'
act issue_response "$SECOND" '{
    "outcome": "upheld",
    "primary_cause": "PRC.HANDOFF",
    "communication": {"channel": "letter", "summary": "Stage 2 response: the redress stands."}
}'
state_is responded

step 12 "close it"
act close "$SECOND" '{"note": "No reply from the customer within 8 weeks."}'
state_is closed

# --- the ombudsman -----------------------------------------------------------------------

step 13 "record the referral to the Financial Ombudsman Service"
act refer "$AGENT" '{"scheme": "financial_ombudsman_service", "reference": "PNX-4471823"}'
state_is referred

step 14 "record the ombudsman's decision"
act record_referral_outcome "$AGENT" '{"decision": "not_upheld", "note": "The offer was fair."}'
state_is closed

# --- the root cause ----------------------------------------------------------------------

step 15 "classify the root cause (analyst)"
call PUT "/v1/complaints/$ID/classification" "$ANALYST" '{
    "primary_cause": "PRC.HANDOFF",
    "contributing": ["COM.NOT_UPDATED"],
    "five_whys": [{"why": "Why was the fee not refunded?", "because": "The refund request never reached the back office."}],
    "potentially_systemic": true,
    "lessons": "Branch refund requests need a tracked hand-off."
}' "$VERSION"
expect 200 "classify"
VERSION=$ETAG
printf '    -> %s, version %s\n' "$(jq -r .primary_cause <<<"$OUT")" "$VERSION"

step 16 "check the audit trail"
call GET "/v1/complaints/$ID/events/verify" "$AGENT"
expect 200 "verify the audit trail"
[ "$(jq -r .intact <<<"$OUT")" = true ] || fail "the audit trail is not intact: $OUT"
printf '    -> %s events, intact\n' "$(jq -r .events_checked <<<"$OUT")"

echo "done: complaint $ID went from receipt to the ombudsman's decision."
