// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "device_list_model.h"

DeviceListModel::DeviceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void DeviceListModel::setDevices(const QList<ComputeDevice> &devices, int recommendedIndex)
{
    beginResetModel();
    m_devices = devices;
    m_recommended = recommendedIndex;
    endResetModel();
    Q_EMIT countChanged();
}

const QList<ComputeDevice> &DeviceListModel::devices() const
{
    return m_devices;
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_devices.size());
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ComputeDevice &d = m_devices.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return d.name;
    case IndexRole:
        return d.index;
    case VendorRole:
        return d.vendor;
    case TypeRole:
        return d.type;
    case DriverRole:
        return d.driver;
    case MemoryBytesRole:
        return d.memoryBytes;
    case UsableRole:
        return d.usable;
    case UnusableReasonRole:
        return d.unusableReason;
    case RecommendedRole:
        return d.index == m_recommended;
    default:
        return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    return {
        {IndexRole, "deviceIndex"},
        {NameRole, "name"},
        {VendorRole, "vendor"},
        {TypeRole, "type"},
        {DriverRole, "driver"},
        {MemoryBytesRole, "memoryBytes"},
        {UsableRole, "usable"},
        {UnusableReasonRole, "unusableReason"},
        {RecommendedRole, "recommended"},
    };
}

int DeviceListModel::count() const
{
    return static_cast<int>(m_devices.size());
}
