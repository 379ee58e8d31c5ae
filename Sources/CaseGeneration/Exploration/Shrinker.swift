import BusinessRules
import Foundation
import OpenAPIModel
import SchemaValidation
import Synchronization
import YAMLSource

/// Makes smaller variants of a failing exploration case's request: optional members left
/// out, members set to their simplest valid value, texts halved, numbers moved toward the
/// simplest value (by way of the machine-range landmarks), arrays shortened. Each variant
/// keeps the case's validity (a valid case stays valid, an invalid one invalid, as the
/// validator judges) and names a new resource, so the runner can try it and keep it when it
/// fails the same way.
public final class Shrinker: Sendable {
    /// Requests the runner may spend shrinking one case.
    public let attemptsPerCase: Int
    private let document: OpenAPIDocument
    private let rules: BusinessRules
    private let options: CaseOptions
    /// Each operation's context and its synthesized body with only the required members,
    /// made when a case of it first fails (most runs shrink nothing).
    private let prepared = Mutex<[String: (context: OperationContext, simplest: JSONValue?)]>([:])
    private let addresses: Mutex<AddressBook>
    private let remaining: Atomic<Int>

    /// A shrinker of failing explored bodies, within its budget of attempts.
    public init(
        document: OpenAPIDocument, rules: BusinessRules, options: CaseOptions,
        attemptsPerCase: Int = 24, attemptsPerRun: Int = 400
    ) {
        self.document = document
        self.rules = rules
        self.options = options
        self.attemptsPerCase = attemptsPerCase
        addresses = Mutex(AddressBook(tag: options.runTag + "s", domain: options.emailDomain))
        remaining = Atomic(attemptsPerRun)
    }

    private func preparation(_ operationId: String) -> (context: OperationContext, simplest: JSONValue?)? {
        prepared.withLock { prepared in
            if let known = prepared[operationId] { return known }
            guard let entry = document.operations.first(where: { $0.id == operationId }) else { return nil }
            var generator = CaseGenerator(document: document, rules: rules, options: options)
            let context = OperationContext(entry: entry, generator: &generator)
            let made = (context: context, simplest: context.validBody(&generator, includeOptional: false))
            prepared[operationId] = made
            return made
        }
    }

    /// Takes one request from the run's shrinking budget; `false` when it is spent.
    public func takeAttempt() -> Bool {
        remaining.wrappingSubtract(1, ordering: .relaxed).newValue >= 0
    }

    /// Smaller variants of the case, the most promising first; none for a case that is not a
    /// single JSON request of the exploration.
    public func candidates(for testCase: TestCase) -> [TestCase] {
        guard testCase.kind == .explore, testCase.steps.count == 1, let focus = testCase.focus,
            case .request(let request, let expectation, let checkRules) = testCase.steps[0],
            let (context, plainest) = preparation(testCase.operationId), !context.isForm, !context.isMultipart, let body = request.json,
            let focusPointer = JSONPointer(focus.member)
        else { return [] }
        let escaped = request.body?.allSatisfy({ $0 < 0x80 }) == true && body.jsonBytes.contains { $0 >= 0x80 }
        var bodies: [JSONValue] = []
        let required = Set(context.bodyShape?.required ?? [])
        let identity = context.rules?.creation?.identity
        let focusMember = focusPointer.tokens.first
        if case .object(let object) = body {
            for member in object where !required.contains(member.key) && member.key != focusMember {
                bodies.append(body.setting(nil, at: JSONPointer(tokens: [member.key])))
            }
            // Other members at their simplest (never the resource's name: it must stay new).
            for member in object where member.key != focusMember && JSONPointer(tokens: [member.key]) != identity {
                if let plain = plainest?[member.key], Self.size(plain) < Self.size(member.value) {
                    bodies.append(body.setting(plain, at: JSONPointer(tokens: [member.key])))
                }
            }
        }
        // An invalid case shrinks only its invalid value, so it stays one change away from a
        // valid request; a case valid under some readings only keeps its value as it is.
        for (pointer, value) in Self.leaves(of: body) where pointer != identity {
            let inFocus = pointer.tokens.starts(with: focusPointer.tokens)
            switch focus.validity {
            case .valid: break
            case .invalid: guard inFocus else { continue }
            case .either: guard !inFocus else { continue }
            }
            let target = plainest?.value(at: pointer)
            let shape = pointer.tokens.count == 1 ? context.bodyShape?.property(pointer.tokens[0])?.shape : nil
            for smaller in Self.smaller(value, toward: target, bounds: shape.map(Self.edges) ?? []) {
                bodies.append(body.setting(smaller, at: pointer))
            }
        }
        var seen: Set<JSONValue> = [body]
        return bodies.filter { seen.insert($0).inserted }.compactMap { candidate -> TestCase? in
            let accepted = context.accepts(candidate)
            switch focus.validity {
            case .valid: guard accepted else { return nil }
            case .invalid: guard !accepted else { return nil }
            case .either: break
            }
            var renamed = candidate
            var newFocus = focus
            if let identity, case .string(let name)? = candidate.value(at: identity) {
                if identity == focusPointer || focusPointer == .root, let token = focus.token {
                    let fresh = addresses.withLock { $0.freshToken() }
                    renamed = candidate.setting(.string(Self.rename(name, from: token, to: fresh)), at: identity)
                    newFocus.token = fresh
                } else {
                    renamed = candidate.setting(.string(addresses.withLock { $0.fresh() }), at: identity)
                }
            }
            var smaller = testCase
            smaller.focus = newFocus
            smaller.steps = [
                .request(
                    context.request(body: renamed, rawBody: escaped ? renamed.asciiJSONBytes : nil),
                    expect: expectation, checkRules: checkRules)
            ]
            return smaller
        }
    }

    /// How big a value is, for "smaller": a number's magnitude, else its JSON length.
    static func size(_ value: JSONValue) -> Double {
        if case .number(let number) = value { return abs(number.double) }
        return Double(value.jsonBytes.count)
    }

    /// Every string, number and array in a value, with its pointer.
    static func leaves(of value: JSONValue, at pointer: JSONPointer = .root, depth: Int = 0) -> [(JSONPointer, JSONValue)] {
        guard depth < 8 else { return [] }
        switch value {
        case .object(let object):
            return object.flatMap { leaves(of: $0.value, at: pointer.appending($0.key), depth: depth + 1) }
        case .array(let items):
            return [(pointer, value)] + items.enumerated().flatMap { leaves(of: $0.element, at: pointer.appending($0.offset), depth: depth + 1) }
        case .string, .number:
            return [(pointer, value)]
        default:
            return []
        }
    }

    /// The first numbers outside a schema's bounds, where an invalid number is smallest.
    static func edges(_ shape: SchemaShape) -> [Double] {
        let integer = !shape.types.contains("number")
        let step = integer ? 1.0 : 0.5
        return [
            shape.minimum.map { $0.exclusive ? $0.value.double : $0.value.double - step },
            shape.maximum.map { $0.exclusive ? $0.value.double : $0.value.double + step },
        ].compactMap { $0 }
    }

    /// Smaller forms of one value, smallest first: a text's first half, an array without its
    /// last item, a number closer to `target` on the same side of it (the schema's edges and
    /// the landmarks of machine ranges first, then half way).
    static func smaller(_ value: JSONValue, toward target: JSONValue?, bounds: [Double] = []) -> [JSONValue] {
        switch value {
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            guard scalars.count > 1 else { return [] }
            var half = String.UnicodeScalarView()
            half.append(contentsOf: scalars.prefix(scalars.count / 2))
            return [.string(String(half))]
        case .array(let items):
            return items.isEmpty ? [] : [.array(Array(items.dropLast()))]
        case .number(let number):
            let goal = target.flatMap { if case .number(let goal) = $0 { goal.double } else { nil } } ?? 0
            let current = number.double
            let distance = abs(current - goal)
            guard distance.isFinite || current.isInfinite else { return [] }
            var options: [Double] = [goal, goal + 0.5, goal - 0.5, goal + 1, goal - 1] + bounds
            for landmark in [2_147_483_647.0, 2_147_483_648, 4_294_967_296, 9_007_199_254_740_992, 9_223_372_036_854_775_808, 1e308] {
                options += [landmark, -landmark - 1]
            }
            let halfway = ((current + goal) / 2)
            options.append(number.isInteger ? halfway.rounded(.towardZero) : halfway.rounded(.towardZero) + 0.5)
            return
                options
                .filter { abs($0 - goal) < distance && ($0 == goal || ($0 > goal) == (current > goal)) }
                .sorted { abs($0 - goal) < abs($1 - goal) }
                .map { .number(JSONNumber(literal: Self.literal($0)) ?? JSONNumber($0)) }
        default:
            return []
        }
    }

    /// A Double as a JSON literal without a needless `.0` (2^63 stays an integer literal).
    private static func literal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e19 {
            return String(format: "%.0f", value)
        }
        return "\(value)"
    }

    /// A name built around one fresh token, built again around another: the token as it is,
    /// in capitals, with dots or underscores for its hyphens, or as digits.
    static func rename(_ name: String, from old: String, to new: String) -> String {
        let spellings: [(String) -> String] = [
            { $0 }, { $0.uppercased() }, { $0.replacingAll("-", with: ".") }, { $0.replacingAll("-", with: "_") },
            { $0.replacingAll("-", with: ".").uppercased() }, EmailClasses.digits,
        ]
        for spell in spellings where name.contains(spell(old)) {
            return name.replacingAll(spell(old), with: spell(new))
        }
        return name
    }
}
