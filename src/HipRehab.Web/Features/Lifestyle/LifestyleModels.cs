using HipRehab.Core.Lifestyle;

namespace HipRehab.Web.Features.Lifestyle;

/// <summary>Minutes of activity as sent: <c>{ date, minutes, kind }</c>; <c>kind</c> defaults to walking.</summary>
public sealed record ActivityRequest(DateOnly? Date, int? Minutes, string? Kind);

/// <summary>A stored weight.</summary>
public sealed record BodyMeasurementResponse(Guid Id, DateOnly Date, decimal WeightKg, DateTime CreatedAt);

/// <summary>The answer to a new weight: the weight stored and what the person's weight figures now say (L1, L2).</summary>
public sealed record BodyMeasurementCreated(Guid Id, DateOnly Date, decimal WeightKg, WeightSummary? Summary);

/// <summary>A stored activity entry.</summary>
public sealed record ActivityResponse(Guid Id, DateOnly Date, int Minutes, string Kind, DateTime CreatedAt);

/// <summary>The answer to a new activity entry: the entry and the last 7 days against 150 minutes (L3).</summary>
public sealed record ActivityCreated(Guid Id, DateOnly Date, int Minutes, string Kind, ActivityWeek Week);

/// <summary>Height and the starting weight from the intake: what BMI and weight change are figured from.</summary>
/// <param name="HeightCm">From the latest intake that gave one.</param>
/// <param name="BaselineWeightKg">From the first intake that gave one ("since you started").</param>
public sealed record BodyBaseline(decimal? HeightCm, decimal? BaselineWeightKg);
