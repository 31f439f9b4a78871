using System.Globalization;

namespace HipRehab.Web.Features.Shared;

/// <summary>Reading form text into numbers and dates, naming the field when it is not one.</summary>
public static class FormValues
{
    public static DateOnly? Date(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // the service names a missing date
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["Give the date as year-month-day, for example 2026-11-26."];
        return null;
    }

    public static int? Int(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Give a whole number."];
        return null;
    }

    public static decimal? Decimal(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Give a number, for example 72.5."];
        return null;
    }
}
