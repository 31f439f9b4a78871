using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HipRehab.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckInClearance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PausedFindingsJson",
                table: "Plans",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "PainNow",
                table: "Intakes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Intakes answered before this column existed keep their pain in the stored form only.
            migrationBuilder.Sql("""
                UPDATE "Intakes" SET "PainNow" = COALESCE(json_extract("FormJson", '$.painNow'), 0);
                """);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CheckInDate",
                table: "Clearances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CheckInId",
                table: "Clearances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PausedFindingsJson",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "PainNow",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "CheckInDate",
                table: "Clearances");

            migrationBuilder.DropColumn(
                name: "CheckInId",
                table: "Clearances");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "AuditEntries");
        }
    }
}
